package org.kizuna.store;

class PostgresRetentionTest extends RetentionContract {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
