package dev.corridor.platform;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Writes the location of a JSON problem as a path such as {@code $.profiles[2].name}. */
public final class JsonPaths {
    private JsonPaths() {}

    public static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
