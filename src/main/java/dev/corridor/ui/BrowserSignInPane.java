package dev.corridor.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * "Continue in your browser": shown while an {@code auth-federate} sign-in waits for the browser,
 * with "Open the page again" and Cancel; when no browser could be started, the sign-in address is
 * shown in a selectable field to copy by hand.
 */
final class BrowserSignInPane {
    private final VBox pane = new VBox(8);
    private final Label message = new Label();
    private final TextField address = new TextField();
    private final Button reopen = new Button();
    private final Button cancel = new Button();
    private String url = "";
    private boolean opened;

    BrowserSignInPane(Labelling labels, Runnable onReopen, Runnable onCancel) {
        Label title = new Label();
        title.setId("sign-in-title");
        title.setStyle("-fx-font-size: 1.25em; -fx-font-weight: bold;");
        message.setId("sign-in-message");
        message.setWrapText(true);
        address.setId("sign-in-url");
        address.setEditable(false);
        address.setVisible(false);
        address.setManaged(false);
        reopen.setId("reopen-browser");
        reopen.setMnemonicParsing(true);
        reopen.setOnAction(e -> onReopen.run());
        cancel.setId("cancel-sign-in");
        cancel.setMnemonicParsing(true);
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        pane.setId("sign-in-pane");
        pane.setPadding(new Insets(12));
        pane.setStyle("-fx-background-color: -fx-control-inner-background; -fx-border-color: -fx-accent;"
                + " -fx-border-radius: 4; -fx-background-radius: 4;");
        pane.getChildren().addAll(title, message, address, new HBox(8, reopen, cancel));
        labels.add(t -> {
            title.setText(t.get("sign-in.title"));
            reopen.setText(t.get("sign-in.reopen"));
            reopen.setAccessibleText(t.get("sign-in.reopen.a11y"));
            cancel.setText(t.get("sign-in.cancel"));
            cancel.setAccessibleText(t.get("sign-in.cancel.a11y"));
            address.setAccessibleText(t.get("sign-in.url.a11y"));
            message.setText(opened ? t.get("sign-in.opened") : t.get("sign-in.not-opened"));
        });
        hide();
    }

    VBox node() {
        return pane;
    }

    /** Shows the wait for {@code signInUrl}; the address field appears when the browser did not open. */
    void show(String signInUrl, boolean browserOpened, Texts t) {
        url = signInUrl;
        opened = browserOpened;
        address.setText(signInUrl);
        address.setVisible(!browserOpened);
        address.setManaged(!browserOpened);
        message.setText(opened ? t.get("sign-in.opened") : t.get("sign-in.not-opened"));
        pane.setVisible(true);
        pane.setManaged(true);
        reopen.requestFocus();
    }

    void hide() {
        pane.setVisible(false);
        pane.setManaged(false);
    }

    boolean showing() {
        return pane.isVisible();
    }

    String url() {
        return url;
    }
}
