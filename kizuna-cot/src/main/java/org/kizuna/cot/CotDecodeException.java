package org.kizuna.cot;

/**
 * Bad input on the wire: a frame that cannot become an event. Checked, so that every decoder
 * caller decides what to do (count, log, answer, close). Subclasses name the category.
 */
public class CotDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    public CotDecodeException(String message) {
        super(message);
    }

    public CotDecodeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The category, used as a metric tag: {@code malformed-xml}, {@code frame-too-long}, ... */
    public String reason() {
        return "invalid-event";
    }

    /** A frame larger than the configured limit; nothing of it was buffered past the limit. */
    public static final class FrameTooLongException extends CotDecodeException {
        private static final long serialVersionUID = 1L;

        public FrameTooLongException(String message) {
            super(message);
        }

        @Override
        public String reason() {
            return "frame-too-long";
        }
    }

    /** XML that is not well-formed, uses a DTD or entities, or breaks a structural limit. */
    public static final class MalformedXmlException extends CotDecodeException {
        private static final long serialVersionUID = 1L;

        public MalformedXmlException(String message) {
            super(message);
        }

        public MalformedXmlException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String reason() {
            return "malformed-xml";
        }
    }

    /** Bytes that are not a valid TAK protocol message or frame. */
    public static final class BadProtobufException extends CotDecodeException {
        private static final long serialVersionUID = 1L;

        public BadProtobufException(String message) {
            super(message);
        }

        public BadProtobufException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String reason() {
            return "bad-protobuf";
        }
    }

    /** Well-formed input whose values break the model's invariants (lat 95, stale before start, ...). */
    public static final class InvalidEventException extends CotDecodeException {
        private static final long serialVersionUID = 1L;

        public InvalidEventException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String reason() {
            return "invalid-event";
        }
    }

    /** A stream that carries no CoT at all: too many bytes without a single event in them. */
    public static final class NotCotException extends CotDecodeException {
        private static final long serialVersionUID = 1L;

        public NotCotException(String message) {
            super(message);
        }

        @Override
        public String reason() {
            return "not-cot";
        }
    }
}
