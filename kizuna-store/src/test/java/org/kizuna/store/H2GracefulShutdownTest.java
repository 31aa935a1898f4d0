package org.kizuna.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2GracefulShutdownTest extends GracefulShutdownContract {

    @TempDir
    Path dir;

    @Override
    TestDatabase database() {
        return TestDatabase.h2(dir);
    }
}
