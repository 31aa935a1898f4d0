package org.kizuna.cot;

/**
 * Structural limits applied to every decoded frame. Checked before data is buffered or parsed
 * further, so a hostile peer cannot make us hold more than these.
 *
 * @param maxFrameBytes largest frame (XML event or protobuf message) in bytes
 * @param maxDepth      deepest element nesting inside {@code <event>}
 * @param maxAttributes most attributes on one element
 * @param maxDetailElements most child elements directly under {@code <detail>}
 */
public record CotLimits(int maxFrameBytes, int maxDepth, int maxAttributes, int maxDetailElements) {

    /** 64 KiB frames, depth 32, 64 attributes, 512 detail children: far above what TAK clients send. */
    public static final CotLimits DEFAULTS = new CotLimits(64 * 1024, 32, 64, 512);

    public CotLimits {
        requirePositive("maxFrameBytes", maxFrameBytes);
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxAttributes", maxAttributes);
        requirePositive("maxDetailElements", maxDetailElements);
    }

    public CotLimits withMaxFrameBytes(int value) {
        return new CotLimits(value, maxDepth, maxAttributes, maxDetailElements);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
