package org.kizuna.store;

class PostgresCrashSafetyTest extends CrashSafetyContract {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
