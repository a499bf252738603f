package dev.corridor.ui.manage;

import dev.corridor.logging.SecretRedactor;
import dev.corridor.profile.Diagnostic;
import dev.corridor.profile.InvalidProfileException;
import dev.corridor.profile.KeyMaterialMask;
import dev.corridor.profile.ProfileNames;
import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.StoredProfile;
import dev.corridor.ui.Texts;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The "Manage profiles" content: the stored profiles with Rename, Delete and Show file, a form to
 * add one (display name and file, with a file chooser), and the import's diagnostics by line.
 *
 * <pre>
 *   ┌ Add a profile ─────────────────────────────────────────────┐
 *   │ Name [__________]  File [______________] [Browse…] [Import] │
 *   ├─────────────────────────────────────────────────────────────┤
 *   │ profiles (list)                          │ [Rename…]        │
 *   │                                          │ [Delete…]        │
 *   │                                          │ [Show file…]     │
 *   ├─────────────────────────────────────────────────────────────┤
 *   │ status sentence                                             │
 *   │ FILE:LINE: error: ...   (diagnostics of the last import)    │
 *   └─────────────────────────────────────────────────────────────┘
 * </pre>
 *
 * Every store call runs on a background thread ({@link BackgroundWork}); the pane only changes on
 * the JavaFX thread. An import with errors stores nothing and lists every error and warning.
 */
public final class ProfilesPane extends BorderPane {
    private final ProfileStore store;
    private final Texts texts;
    private final BackgroundWork background;
    private Runnable onChange = () -> { };

    private final ObservableList<StoredProfile> profiles = FXCollections.observableArrayList();
    private final ListView<StoredProfile> list = new ListView<>(profiles);
    private final TextField nameField = new TextField();
    private final TextField fileField = new TextField();
    private final Button browseButton = new Button();
    private final Button importButton = new Button();
    private final Button renameButton = new Button();
    private final Button deleteButton = new Button();
    private final Button showButton = new Button();
    private final Label status = new Label();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObservableList<String> diagnostics = FXCollections.observableArrayList();
    private final ListView<String> diagnosticsList = new ListView<>(diagnostics);

    public ProfilesPane(ProfileStore store, Texts texts, BackgroundWork background) {
        this.store = Objects.requireNonNull(store, "store");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.background = Objects.requireNonNull(background, "background");
        setTop(addForm());
        setCenter(profileList());
        setBottom(results());
        setPadding(new Insets(12));
        refresh();
    }

    /** Called on the JavaFX thread after every successful import, rename or delete. */
    public void setOnChange(Runnable onChange) {
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    /** The profiles as last read from the store. */
    public List<StoredProfile> profiles() {
        return List.copyOf(profiles);
    }

    /** The lines shown for the last import: its errors and warnings as {@code FILE:LINE: severity: message}. */
    public List<String> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** The status sentence of the last operation. */
    public String status() {
        return status.getText();
    }

    /** Reads the store again (in the background) and shows its profiles. */
    public void refresh() {
        background.run(store::list, this::showProfiles, this::showFailure);
    }

    /**
     * Imports {@code file} under {@code name}, or under the file's name when {@code name} is
     * blank; the outcome shows in the status line and the diagnostics list.
     */
    public void importFile(Path file, String name) {
        Optional<String> requested = name == null || name.isBlank() ? Optional.empty() : Optional.of(name.strip());
        String shownName = requested.orElseGet(() -> ProfileNames.fromFileName(file.getFileName().toString()));
        diagnostics.clear();
        setStatus(texts.format("manage.profiles.importing", file.getFileName(), shownName));
        setBusy(true);
        background.run(() -> store.importFile(file, requested), imported -> {
            setBusy(false);
            imported.warnings().forEach(d -> diagnostics.add(d.format()));
            setStatus(imported.warnings().isEmpty()
                    ? texts.format("manage.profiles.imported", imported.profile().name())
                    : texts.format("manage.profiles.importedWithWarnings", imported.profile().name(),
                            imported.warnings().size()));
            nameField.clear();
            fileField.clear();
            changed(imported.profile().name());
        }, failure -> {
            setBusy(false);
            if (failure instanceof InvalidProfileException invalid) {
                invalid.diagnostics().stream().map(Diagnostic::format).forEach(diagnostics::add);
                long errors = invalid.diagnostics().stream().filter(Diagnostic::isError).count();
                setStatus(texts.format("manage.profiles.refused", file.getFileName(), errors));
            } else {
                showFailure(failure);
            }
        });
    }

    /** Selects the profile named {@code name} when it is listed. */
    public void select(String name) {
        profiles.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst()
                .ifPresent(p -> list.getSelectionModel().select(p));
    }

    // ------------------------------------------------------------------ layout

    private GridPane addForm() {
        Label title = new Label(texts.get("manage.profiles.add.title"));
        title.setAccessibleRole(AccessibleRole.TEXT);
        title.setStyle("-fx-font-weight: bold;");
        Label nameLabel = new Label(texts.get("manage.profiles.add.name"));
        nameLabel.setLabelFor(nameField);
        nameLabel.setMnemonicParsing(true);
        nameField.setPromptText(texts.get("manage.profiles.add.namePrompt"));
        nameField.setAccessibleText(texts.get("manage.profiles.add.nameAccessible"));
        nameField.setId("profile-name");
        Label fileLabel = new Label(texts.get("manage.profiles.add.file"));
        fileLabel.setLabelFor(fileField);
        fileLabel.setMnemonicParsing(true);
        fileField.setPromptText(texts.get("manage.profiles.add.filePrompt"));
        fileField.setAccessibleText(texts.get("manage.profiles.add.fileAccessible"));
        fileField.setId("profile-file");
        fileField.setOnAction(e -> startImport());
        button(browseButton, "manage.profiles.browse", "manage.profiles.browseAccessible", e -> browse());
        button(importButton, "manage.profiles.import", "manage.profiles.importAccessible", e -> startImport());
        importButton.disableProperty().bind(busy.or(Bindings.createBooleanBinding(
                () -> fileField.getText() == null || fileField.getText().isBlank(), fileField.textProperty())));
        importButton.setId("profile-import");

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.setPadding(new Insets(0, 0, 12, 0));
        form.add(title, 0, 0, 4, 1);
        form.add(nameLabel, 0, 1);
        form.add(nameField, 1, 1, 3, 1);
        form.add(fileLabel, 0, 2);
        form.add(fileField, 1, 2);
        form.add(browseButton, 2, 2);
        form.add(importButton, 3, 2);
        GridPane.setHgrow(fileField, Priority.ALWAYS);
        GridPane.setHgrow(nameField, Priority.ALWAYS);
        return form;
    }

    private HBox profileList() {
        list.setId("profile-list");
        list.setAccessibleText(texts.get("manage.profiles.listAccessible"));
        list.setPlaceholder(new Label(texts.get("manage.profiles.empty")));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(StoredProfile profile, boolean empty) {
                super.updateItem(profile, empty);
                if (empty || profile == null) {
                    setText(null);
                    setAccessibleText(null);
                } else {
                    String line = texts.format("manage.profiles.row", profile.name(), profile.authentication(),
                            String.join(", ", profile.remotes()));
                    setText(line);
                    setAccessibleText(line);
                }
            }
        });
        list.setPrefHeight(220);
        button(renameButton, "manage.profiles.rename", "manage.profiles.renameAccessible", e -> rename());
        button(deleteButton, "manage.profiles.delete", "manage.profiles.deleteAccessible", e -> delete());
        button(showButton, "manage.profiles.show", "manage.profiles.showAccessible", e -> showFile());
        renameButton.setId("profile-rename");
        deleteButton.setId("profile-delete");
        showButton.setId("profile-show");
        for (Button b : List.of(renameButton, deleteButton, showButton)) {
            b.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
            b.setMaxWidth(Double.MAX_VALUE);
        }
        VBox actions = new VBox(6, renameButton, deleteButton, showButton);
        HBox row = new HBox(8, list, actions);
        HBox.setHgrow(list, Priority.ALWAYS);
        return row;
    }

    private VBox results() {
        status.setId("profile-status");
        status.setWrapText(true);
        status.setAccessibleRole(AccessibleRole.TEXT);
        status.setFocusTraversable(true);
        diagnosticsList.setId("profile-diagnostics");
        diagnosticsList.setAccessibleText(texts.get("manage.profiles.diagnosticsAccessible"));
        diagnosticsList.setPlaceholder(new Label(texts.get("manage.profiles.noDiagnostics")));
        diagnosticsList.setPrefHeight(120);
        VBox box = new VBox(6, status, diagnosticsList);
        box.setPadding(new Insets(12, 0, 0, 0));
        return box;
    }

    private void button(Button button, String key, String accessibleKey,
            javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        button.setText(texts.get(key));
        button.setMnemonicParsing(true);
        button.setAccessibleText(texts.get(accessibleKey));
        button.setOnAction(action);
    }

    // ------------------------------------------------------------------ actions

    private void startImport() {
        if (busy.get()) {
            return;
        }
        String file = fileField.getText();
        if (file == null || file.isBlank()) {
            setStatus(texts.get("manage.profiles.chooseFileFirst"));
            return;
        }
        importFile(Path.of(file.strip()), nameField.getText());
    }

    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(texts.get("manage.profiles.chooserTitle"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(texts.get("manage.profiles.chooserFilter"), "*.ovpn", "*.conf"),
                new FileChooser.ExtensionFilter(texts.get("manage.profiles.chooserAll"), "*"));
        File chosen = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            fileField.setText(chosen.getAbsolutePath());
            if (nameField.getText().isBlank()) {
                nameField.setText(ProfileNames.fromFileName(chosen.getName()));
            }
            importButton.requestFocus();
        }
    }

    private void rename() {
        StoredProfile selected = list.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        TextInputDialog dialog = new TextInputDialog(selected.name());
        dialog.initOwner(window());
        dialog.setTitle(texts.get("manage.profiles.renameTitle"));
        dialog.setHeaderText(texts.format("manage.profiles.renameHeader", selected.name()));
        dialog.setContentText(texts.get("manage.profiles.renameLabel"));
        dialog.getEditor().setAccessibleText(texts.get("manage.profiles.renameAccessibleField"));
        dialog.getEditor().setId("rename-field");
        dialog.showAndWait().map(String::strip).filter(n -> !n.equals(selected.name())).ifPresent(newName ->
                background.run(() -> store.rename(selected.name(), newName), renamed -> {
                    setStatus(texts.format("manage.profiles.renamed", selected.name(), renamed.name()));
                    changed(renamed.name());
                }, this::showFailure));
    }

    private void delete() {
        StoredProfile selected = list.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                texts.format("manage.profiles.deleteQuestion", selected.name()), ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(window());
        confirm.setTitle(texts.get("manage.profiles.deleteTitle"));
        confirm.setHeaderText(texts.format("manage.profiles.deleteHeader", selected.name()));
        Button ok = (Button) confirm.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText(texts.get("manage.profiles.deleteConfirm"));
        ok.setAccessibleText(texts.format("manage.profiles.deleteConfirmAccessible", selected.name()));
        ok.setDefaultButton(false);
        Button cancel = (Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setText(texts.get("manage.common.cancel"));
        cancel.setDefaultButton(true);
        if (confirm.showAndWait().filter(ButtonType.OK::equals).isEmpty()) {
            setStatus(texts.format("manage.profiles.deleteCancelled", selected.name()));
            return;
        }
        background.run(() -> store.delete(selected.name()), deleted -> {
            setStatus(texts.format("manage.profiles.deleted", deleted.name()));
            changed(null);
        }, this::showFailure);
    }

    private void showFile() {
        StoredProfile selected = list.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        background.run(() -> new Shown(store.path(selected.name()), store.text(selected.name())),
                shown -> StoredFileView.show(window(), texts, selected.name(), shown.path(),
                        masked(shown.text(), texts.get("manage.profiles.hiddenKey"))),
                this::showFailure);
    }

    /** {@code text} with every private key, static key and inline password hidden. */
    static String masked(String text, String placeholder) {
        return new SecretRedactor().redact(KeyMaterialMask.mask(text, placeholder));
    }

    private record Shown(Path path, String text) {}

    private void showProfiles(List<StoredProfile> stored) {
        StoredProfile selected = list.getSelectionModel().getSelectedItem();
        profiles.setAll(stored);
        if (selected != null) {
            select(selected.name());
        }
    }

    private void changed(String selectName) {
        background.run(store::list, stored -> {
            showProfiles(stored);
            if (selectName != null) {
                select(selectName);
            }
            onChange.run();
        }, this::showFailure);
    }

    private void showFailure(Exception e) {
        setStatus(UserMessages.of(e, texts));
    }

    private void setStatus(String text) {
        status.setText(text);
        status.setAccessibleText(text);
    }

    private void setBusy(boolean importing) {
        busy.set(importing);
        fileField.setDisable(importing);
        nameField.setDisable(importing);
        browseButton.setDisable(importing);
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** A read-only window showing a stored profile's text (keys already hidden). */
    static final class StoredFileView {
        private StoredFileView() {}

        static Stage show(Window owner, Texts texts, String name, Path path, String maskedText) {
            TextArea area = new TextArea(maskedText);
            area.setEditable(false);
            area.setWrapText(false);
            area.setId("stored-file-text");
            area.setAccessibleText(texts.format("manage.show.textAccessible", name));
            area.setStyle("-fx-font-family: monospace;");
            Label where = new Label(texts.format("manage.show.storedIn", path));
            where.setWrapText(true);
            where.setFocusTraversable(true);
            where.setAccessibleText(texts.format("manage.show.storedIn", path));
            Button close = new Button(texts.get("manage.common.close"));
            close.setAccessibleText(texts.get("manage.common.closeAccessible"));
            close.setCancelButton(true);
            close.setDefaultButton(true);
            VBox box = new VBox(8, where, area, close);
            VBox.setVgrow(area, Priority.ALWAYS);
            box.setPadding(new Insets(12));
            Stage stage = new Stage();
            if (owner != null) {
                stage.initOwner(owner);
                stage.initModality(Modality.NONE);
            }
            stage.setTitle(texts.format("manage.show.title", name));
            stage.setScene(new Scene(box, 640, 480));
            close.setOnAction(e -> stage.close());
            stage.show();
            area.requestFocus();
            return stage;
        }
    }
}
