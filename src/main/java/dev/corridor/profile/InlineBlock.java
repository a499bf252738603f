package dev.corridor.profile;

import java.util.Objects;

/**
 * An inline file such as {@code <ca>...</ca>}: the tag and the text between the tags.
 *
 * @param tag       block name without angle brackets
 * @param content   the lines between the tags joined with {@code \n}, with a final {@code \n}
 * @param line      line of the opening tag
 * @param endLine   line of the closing tag
 */
public record InlineBlock(String tag, String content, int line, int endLine) implements ProfileElement {
    public InlineBlock {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(content, "content");
    }

    /** The block's text without the content, which may be key material and must not be printed. */
    @Override
    public String toString() {
        return "InlineBlock[<" + tag + "> lines " + line + "-" + endLine + ", " + content.length() + " chars]";
    }
}
