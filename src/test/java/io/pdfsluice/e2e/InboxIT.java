package io.pdfsluice.e2e;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The inbox scenarios against the packaged app (the jar here; the native binary with -Pnative). */
@QuarkusIntegrationTest
class InboxIT extends InboxTest {
}
