/**
 * The diagnostics archive: a zip of logs, profiles, preferences and system information in which
 * every secret is masked, written all-or-nothing. Used by the window's "Export diagnostics" and
 * by {@code corridor diagnostics export}; no JavaFX here. See {@code docs/desktop-manage.md}.
 */
package dev.corridor.diagnostics;
