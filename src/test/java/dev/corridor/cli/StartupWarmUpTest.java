package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupWarmUpTest {
    @Test
    void warmsUpOnlyForTheCommandsThatConnect() {
        assertThat(StartupWarmUp.beginFor("connect", "--config", "x.ovpn")).isTrue();
        assertThat(StartupWarmUp.beginFor("check", "work")).isTrue();
        assertThat(StartupWarmUp.beginFor("--version")).isFalse();
        assertThat(StartupWarmUp.beginFor("server", "run")).isFalse();
        assertThat(StartupWarmUp.beginFor("profile", "check")).isFalse();
        assertThat(StartupWarmUp.beginFor()).isFalse();
    }
}
