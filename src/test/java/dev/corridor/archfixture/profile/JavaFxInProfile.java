package dev.corridor.archfixture.profile;

import javafx.beans.property.SimpleStringProperty;

/** Breaks javafx-only-in-ui: a JavaFX property in the profile model. */
public final class JavaFxInProfile {
    private final SimpleStringProperty name = new SimpleStringProperty();

    public String name() {
        return name.get();
    }
}
