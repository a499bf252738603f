/**
 * The user's preferences (reconnect behaviour, tray, language, log level, IPv6 leak guard) and the
 * JSON file that keeps them in the data folder. Shared by the window and the command line; no
 * JavaFX here. See {@code docs/desktop-manage.md}.
 */
package dev.corridor.settings;
