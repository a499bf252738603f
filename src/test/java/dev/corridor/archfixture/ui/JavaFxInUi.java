package dev.corridor.archfixture.ui;

import dev.corridor.archfixture.client.FixtureVpnClient;
import javafx.beans.property.SimpleStringProperty;

/** Compliant: the GUI uses JavaFX and reaches the engine through the client. */
public final class JavaFxInUi {
    private final SimpleStringProperty status = new SimpleStringProperty("disconnected");
    private final FixtureVpnClient client = new FixtureVpnClient();

    public void connect() {
        status.set(client.connect());
    }
}
