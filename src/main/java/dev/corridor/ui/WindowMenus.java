package dev.corridor.ui;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/**
 * The window's menu bar: Connection, View (with the language switch) and Tools, with marked
 * places where other screens add their items ({@link MenuPlace}).
 */
final class WindowMenus {
    /** What the menu items do. */
    record Actions(Runnable connect, Runnable disconnect, Runnable quit, Consumer<Locale> language) {}

    private final MenuBar bar = new MenuBar();
    private final Menu connection = new Menu();
    private final Menu view = new Menu();
    private final Menu tools = new Menu();
    private final MenuItem connect = new MenuItem();
    private final MenuItem disconnect = new MenuItem();
    /** Each place's marker: added items go just before it (it is hidden and never shown). */
    private final Map<MenuPlace, SeparatorMenuItem> places = new EnumMap<>(MenuPlace.class);
    private final Map<Locale, RadioMenuItem> languages = new java.util.LinkedHashMap<>();
    private final Labelling labels;

    WindowMenus(Labelling labels, Actions actions) {
        this.labels = labels;
        for (MenuPlace place : MenuPlace.values()) {
            SeparatorMenuItem marker = new SeparatorMenuItem();
            marker.setVisible(false);
            places.put(place, marker);
        }
        connect.setId("menu-connect");
        connect.setAccelerator(KeyCombination.keyCombination("Shortcut+K"));
        connect.setOnAction(e -> actions.connect().run());
        disconnect.setId("menu-disconnect");
        disconnect.setAccelerator(KeyCombination.keyCombination("Shortcut+D"));
        disconnect.setOnAction(e -> actions.disconnect().run());
        MenuItem quit = new MenuItem();
        quit.setId("menu-quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> actions.quit().run());
        connection.getItems().addAll(connect, disconnect, new SeparatorMenuItem(), places.get(MenuPlace.PROFILES),
                new SeparatorMenuItem(), quit);

        Menu language = new Menu();
        language.setId("menu-language");
        ToggleGroup group = new ToggleGroup();
        for (Locale locale : Texts.LANGUAGES) {
            // Each language is named in itself, so that a user who cannot read the current one finds theirs.
            RadioMenuItem item = new RadioMenuItem(locale.getDisplayLanguage(locale));
            item.setId("menu-language-" + locale.getLanguage());
            item.setToggleGroup(group);
            item.setOnAction(e -> actions.language().accept(locale));
            languages.put(locale, item);
            language.getItems().add(item);
        }
        view.getItems().addAll(language, places.get(MenuPlace.LOGS));
        tools.getItems().addAll(places.get(MenuPlace.PREFERENCES), places.get(MenuPlace.DIAGNOSTICS));
        tools.visibleProperty().bind(Bindings.size(tools.getItems()).greaterThan(2));
        connection.setId("menu-connection");
        view.setId("menu-view");
        tools.setId("menu-tools");
        bar.getMenus().addAll(connection, view, tools);

        labels.add(t -> {
            connection.setText(t.get("menu.connection"));
            connect.setText(t.get("menu.connect"));
            disconnect.setText(t.get("menu.disconnect"));
            quit.setText(t.get("menu.quit"));
            view.setText(t.get("menu.view"));
            language.setText(t.get("menu.language"));
            tools.setText(t.get("menu.tools"));
            bar.setAccessibleText(t.get("menu.bar.a11y"));
            languages.forEach((locale, item) -> item.setSelected(locale.equals(t.locale())));
        });
    }

    MenuBar bar() {
        return bar;
    }

    /** Enables Connect and Disconnect as the buttons are. */
    void enable(boolean canConnect, boolean canDisconnect) {
        connect.setDisable(!canConnect);
        disconnect.setDisable(!canDisconnect);
    }

    /**
     * Adds an item at {@code place}, labelled from the window's texts by {@code label} (called again
     * after every language switch).
     */
    MenuItem add(MenuPlace place, Function<Texts, String> label, Runnable action) {
        Objects.requireNonNull(action, "action");
        MenuItem item = new MenuItem();
        item.setMnemonicParsing(true);
        item.setOnAction(e -> action.run());
        labels.add(t -> item.setText(label.apply(t)));
        Menu menu = place == MenuPlace.PROFILES ? connection : place == MenuPlace.LOGS ? view : tools;
        SeparatorMenuItem marker = places.get(place);
        menu.getItems().add(menu.getItems().indexOf(marker), item);
        return item;
    }
}
