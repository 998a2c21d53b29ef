/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.restconf;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON document as it was written: members in order and repeated members kept, which a JSON library's
 * tree (a map) would silently merge, and numbers as their text.
 */
sealed interface JsonValue {

    /** An object: its members in order, duplicates included. */
    record Obj(List<Member> members) implements JsonValue {
        public Obj {
            members = List.copyOf(members);
        }
    }

    /** One member of an object. */
    record Member(String name, JsonValue value) {
    }

    /** An array. */
    record Arr(List<JsonValue> elements) implements JsonValue {
        public Arr {
            elements = List.copyOf(elements);
        }
    }

    /** A string, a number (as written) or a boolean. */
    record Scalar(String text, JsonToken kind) implements JsonValue {
    }

    /** The literal null. */
    record Null() implements JsonValue {
    }

    /** Reads one complete JSON document; anything after it, or any syntax error, is an IOException. */
    static JsonValue parse(final String text) throws IOException {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            final JsonValue value = read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IOException("unexpected " + reader.peek() + " after the document " + reader.getPath());
            }
            return value;
        } catch (IllegalStateException | NumberFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static JsonValue read(final JsonReader reader) throws IOException {
        return switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                final List<Member> members = new ArrayList<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    members.add(new Member(reader.nextName(), read(reader)));
                }
                reader.endObject();
                yield new Obj(members);
            }
            case BEGIN_ARRAY -> {
                final List<JsonValue> elements = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    elements.add(read(reader));
                }
                reader.endArray();
                yield new Arr(elements);
            }
            case STRING -> new Scalar(reader.nextString(), JsonToken.STRING);
            case NUMBER -> new Scalar(reader.nextString(), JsonToken.NUMBER);
            case BOOLEAN -> new Scalar(Boolean.toString(reader.nextBoolean()), JsonToken.BOOLEAN);
            case NULL -> {
                reader.nextNull();
                yield new Null();
            }
            case END_ARRAY, END_OBJECT, NAME, END_DOCUMENT ->
                throw new IOException("unexpected " + reader.peek() + " at " + reader.getPath());
        };
    }
}
