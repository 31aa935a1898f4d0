package org.kizuna.app.config;

import java.nio.file.Path;
import java.util.Objects;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.writer.WriterSettings;

/**
 * The {@code store:} section and the inputs' {@code archive} flags.
 *
 * @param enabled      false runs the node without any history (nothing is stored, nothing restored)
 * @param store        where and how much
 * @param writer       queue and batch sizes of the writer
 * @param archiveTls   store what TLS clients send
 * @param archivePlain store what plain-TCP clients send (high-rate lab feeds often should not be)
 */
public record HistoryConfig(boolean enabled, StoreSettings store, WriterSettings writer, boolean archiveTls,
                            boolean archivePlain) {

    public HistoryConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(writer, "writer");
    }

    /** The embedded H2 store under {@code DATA/history}, thirty days, both inputs archived. */
    public static HistoryConfig defaults(Path dataDir) {
        return new HistoryConfig(true, StoreSettings.h2(historyDir(dataDir)), WriterSettings.DEFAULTS, true, true);
    }

    public static Path historyDir(Path dataDir) {
        return dataDir.resolve("history");
    }
}
