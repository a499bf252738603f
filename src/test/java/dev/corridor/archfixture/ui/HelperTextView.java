package dev.corridor.archfixture.ui;

/** Compliant: a name that merely starts with Helper is not a vague name. */
public final class HelperTextView {
    public String text() {
        return "Paste the profile you got from your administrator.";
    }
}
