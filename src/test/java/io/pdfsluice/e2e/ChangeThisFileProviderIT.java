package io.pdfsluice.e2e;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The hosted ChangeThisFile shape against the packaged app and the loopback emulator. */
@QuarkusIntegrationTest
class ChangeThisFileProviderIT extends ChangeThisFileProviderTest {
}
