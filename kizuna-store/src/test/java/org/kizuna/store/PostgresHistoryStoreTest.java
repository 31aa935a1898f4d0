package org.kizuna.store;

class PostgresHistoryStoreTest extends HistoryStoreContract {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
