/**
 * Control-channel messages after the key exchange: splitting decrypted TLS plaintext into
 * NUL-terminated texts, parsing them into {@link dev.corridor.protocol.message.ControlMessage}s
 * (PUSH_REPLY, AUTH_FAILED with CRV1, RESTART, HALT, INFO, ...) and writing them, plus the typed
 * reading of pushed options with pull-filter rules. See protocol.md §3, §6, §7.2–7.4.
 */
package dev.corridor.protocol.message;
