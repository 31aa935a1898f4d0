package org.kizuna.store;

class PostgresGracefulShutdownTest extends GracefulShutdownContract {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
