/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.restconf;

import static java.util.Objects.requireNonNull;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A request pvsnet answers itself, before RESTCONF and the datastore see it: an HTTP status and an
 * RFC 8040 error whose message names the field and the reason.
 *
 * @param status HTTP status
 * @param errorTag the RFC 8040 error-tag that goes with the status
 * @param field the offending field, as a RESTCONF data path ("pvsnet:pvsnet/customer=C1/number") or "body"
 * @param reason why, in words an operator can act on
 */
record Refusal(int status, String errorTag, String field, String reason) {
    static final String PREFIX = "pvsnet refused the configuration, nothing was applied: ";

    Refusal {
        requireNonNull(errorTag);
        requireNonNull(field);
        requireNonNull(reason);
    }

    /** A value or document that cannot be what the model says: 400 invalid-value. */
    static Refusal invalid(final String field, final String reason) {
        return new Refusal(400, "invalid-value", field, reason);
    }

    /** A body that is not a document of the model at all: 400 malformed-message. */
    static Refusal malformed(final String field, final String reason) {
        return new Refusal(400, "malformed-message", field, reason);
    }

    String message() {
        return PREFIX + field + ": " + reason;
    }

    /** The RFC 8040 errors document (JSON). */
    String toJson() {
        final StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.beginObject().name("errors").beginObject().name("error").beginArray().beginObject()
                .name("error-type").value(status == 400 && errorTag.equals("malformed-message") ? "protocol"
                    : "application")
                .name("error-tag").value(errorTag)
                .name("error-message").value(message())
                .endObject().endArray().endObject().endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
