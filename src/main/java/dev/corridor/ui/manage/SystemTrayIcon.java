package dev.corridor.ui.manage;

import dev.corridor.ui.Texts;
import java.awt.AWTException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system tray (menu bar) icon, where the OS has one: an AWT {@link TrayIcon} whose tooltip,
 * colour and menu follow the connection, and whose menu items call {@link TrayActions} on the
 * JavaFX thread.
 *
 * <pre>
 *   main window ── update(TrayStatus) ──► AWT thread: tooltip, image, popup menu (TrayMenu)
 *   language switch ── useTexts(Texts, TrayStatus) ──► the same, in the new language
 *   menu click (AWT thread) ── Platform.runLater ──► TrayActions.connect/disconnect/showWindow/quit
 * </pre>
 *
 * While the icon is installed JavaFX's implicit exit is off, so closing the last window only
 * hides it (the main window should hide, not quit, on close); {@link #remove()} turns implicit
 * exit back on. Where there is no tray (headless, many Linux desktops) {@link #install} logs
 * once and returns empty, and the window keeps quitting on close.
 */
public final class SystemTrayIcon {
    private static final Logger LOG = LoggerFactory.getLogger(SystemTrayIcon.class);
    private static final AtomicBoolean UNSUPPORTED_LOGGED = new AtomicBoolean();

    private final TrayActions actions;
    private volatile Texts texts;
    private final TrayIcon icon;
    private final Map<TrayMenu.Look, Image> images;

    private SystemTrayIcon(TrayActions actions, Texts texts, TrayIcon icon, Map<TrayMenu.Look, Image> images) {
        this.actions = actions;
        this.texts = texts;
        this.icon = icon;
        this.images = images;
    }

    /** True when this OS session offers a tray. */
    public static boolean supported() {
        return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
    }

    /**
     * Adds the icon to the tray showing {@code initial}; empty (logged once) when there is no tray
     * or the OS refuses the icon. Call on any thread.
     */
    public static Optional<SystemTrayIcon> install(TrayActions actions, Texts texts, TrayStatus initial) {
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(texts, "texts");
        if (!supported()) {
            if (UNSUPPORTED_LOGGED.compareAndSet(false, true)) {
                LOG.info("no system tray on this desktop; Corridor runs without a tray icon");
            }
            return Optional.empty();
        }
        Map<TrayMenu.Look, Image> images = new EnumMap<>(TrayMenu.Look.class);
        int size = Math.max(16, SystemTray.getSystemTray().getTrayIconSize().height);
        for (TrayMenu.Look look : TrayMenu.Look.values()) {
            images.put(look, draw(look, size));
        }
        TrayIcon icon = new TrayIcon(images.get(TrayMenu.Look.DISCONNECTED), "Corridor");
        icon.setImageAutoSize(true);
        SystemTrayIcon tray = new SystemTrayIcon(actions, texts, icon, images);
        icon.addActionListener(e -> Platform.runLater(actions::showWindow));
        try {
            SystemTray.getSystemTray().add(icon);
        } catch (AWTException | RuntimeException e) {
            LOG.warn("the system tray refused Corridor's icon: {}", e.getMessage());
            return Optional.empty();
        }
        Platform.setImplicitExit(false);
        tray.update(initial);
        return Optional.of(tray);
    }

    /** Shows {@code status}; call on any thread. */
    public void update(TrayStatus status) {
        Objects.requireNonNull(status, "status");
        EventQueue.invokeLater(() -> {
            icon.setToolTip(TrayMenu.tooltip(status, texts));
            icon.setImage(images.get(TrayMenu.look(status.state())));
            icon.setPopupMenu(menu(status));
        });
    }

    /** Switches the tooltip and menu to the language of {@code texts} and shows {@code status}; call on any thread. */
    public void useTexts(Texts texts, TrayStatus status) {
        this.texts = Objects.requireNonNull(texts, "texts");
        update(status);
    }

    /** Takes the icon out of the tray and lets JavaFX exit when its last window closes again. */
    public void remove() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
        Platform.setImplicitExit(true);
    }

    private PopupMenu menu(TrayStatus status) {
        PopupMenu menu = new PopupMenu();
        for (TrayMenu.Item item : TrayMenu.items(status, texts)) {
            if (item.kind() == TrayMenu.Kind.SEPARATOR) {
                menu.addSeparator();
                continue;
            }
            MenuItem entry = new MenuItem(item.label());
            entry.setEnabled(item.enabled());
            Runnable action = action(item);
            if (action != null) {
                entry.addActionListener(e -> Platform.runLater(action));
            }
            menu.add(entry);
        }
        return menu;
    }

    private Runnable action(TrayMenu.Item item) {
        if (item.kind() == TrayMenu.Kind.CONNECT) {
            return () -> actions.connect(item.profile());
        }
        if (item.kind() == TrayMenu.Kind.DISCONNECT) {
            return actions::disconnect;
        }
        if (item.kind() == TrayMenu.Kind.SHOW) {
            return actions::showWindow;
        }
        if (item.kind() == TrayMenu.Kind.QUIT) {
            return actions::quit;
        }
        return null;
    }

    /** A ring (the corridor's way through) filled grey, amber or green; drawn, so no icon file is needed. */
    static BufferedImage draw(TrayMenu.Look look, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Color fill = look == TrayMenu.Look.CONNECTED ? new Color(0x2e, 0x9d, 0x4f)
                    : look == TrayMenu.Look.BUSY ? new Color(0xe0, 0x9b, 0x1a) : new Color(0x8a, 0x8f, 0x98);
            int inset = Math.max(1, size / 10);
            g.setColor(fill);
            g.fillOval(inset, inset, size - 2 * inset, size - 2 * inset);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(Math.max(1.5f, size / 8f)));
            int w = size / 3;
            g.drawLine(size / 2 - w / 2, size / 2, size / 2 + w / 2, size / 2);
            g.drawLine(size / 2 + w / 2 - w / 3, size / 2 - w / 3, size / 2 + w / 2, size / 2);
            g.drawLine(size / 2 + w / 2 - w / 3, size / 2 + w / 3, size / 2 + w / 2, size / 2);
        } finally {
            g.dispose();
        }
        return image;
    }
}
