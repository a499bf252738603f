package dev.corridor.profile;

/** One syntactic element of a profile: a directive line or an inline block. */
public sealed interface ProfileElement permits Directive, InlineBlock {
    /** The 1-based line where the element starts. */
    int line();
}
