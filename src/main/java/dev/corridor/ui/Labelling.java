package dev.corridor.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps every text of the window in the current language: each control registers how it is
 * labelled (text, accessible name, tooltip), and a language switch runs all of them again.
 * Used on the JavaFX thread only.
 */
public final class Labelling {
    private final List<Consumer<Texts>> labellers = new ArrayList<>();
    private Texts texts;

    Labelling(Texts initial) {
        this.texts = Objects.requireNonNull(initial, "initial");
    }

    /** The current language's texts. */
    public Texts texts() {
        return texts;
    }

    /** Labels something now and again after every language switch. */
    public void add(Consumer<Texts> labeller) {
        labellers.add(labeller);
        labeller.accept(texts);
    }

    /** Switches the language and re-labels everything. */
    void use(Texts next) {
        texts = Objects.requireNonNull(next, "next");
        for (Consumer<Texts> labeller : List.copyOf(labellers)) {
            labeller.accept(next);
        }
    }
}
