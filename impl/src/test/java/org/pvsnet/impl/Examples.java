/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.data.codec.impl.BindingCodecContext;
import org.opendaylight.yangtools.binding.runtime.api.BindingRuntimeContext;
import org.opendaylight.yangtools.binding.runtime.spi.BindingRuntimeHelpers;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactorySupplier;
import org.opendaylight.yangtools.yang.data.codec.gson.JsonParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.impl.schema.NormalizationResultHolder;

/**
 * The example configurations of docs/examples, parsed exactly as RESTCONF parses them (RFC 7951 JSON
 * against the YANG model) and turned into bindings. Tests start from them, so the documented examples
 * are always valid.
 */
public final class Examples {
    public static final BindingRuntimeContext RUNTIME = BindingRuntimeHelpers.createRuntimeContext(Pvsnet.class);
    public static final BindingCodecContext CODEC = new BindingCodecContext(RUNTIME);
    public static final DataObjectIdentifier<Pvsnet> CONFIG = DataObjectIdentifier.builder(Pvsnet.class).build();
    public static final YangInstanceIdentifier CONFIG_PATH = CODEC.toYangInstanceIdentifier(CONFIG);

    private static final Path DIR = Path.of(System.getProperty("user.dir")).resolve("../docs/examples");

    private Examples() {
        // utility
    }

    /** The configuration of seed Figs 7, 8 and 9: three customers, C3 overlapping C1. */
    public static Pvsnet figs789() {
        return load("figs-7-8-9.json");
    }

    /** An example, validated and resolved. */
    public static org.pvsnet.impl.resolve.ResolvedNetwork resolved(final String name) {
        return org.pvsnet.impl.resolve.ResolvedNetwork.of(((org.pvsnet.impl.validate.Validation.Outcome.Accepted)
            org.pvsnet.impl.validate.Validation.check(load(name))).network());
    }

    public static Path file(final String name) {
        return DIR.resolve(name);
    }

    public static Pvsnet load(final String name) {
        try {
            return parse(Files.newBufferedReader(file(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A configuration document (RFC 7951 JSON, {"pvsnet:pvsnet": ...}), parsed as RESTCONF parses it. */
    public static Pvsnet parse(final Reader json) {
        final NormalizationResultHolder holder = new NormalizationResultHolder();
        final JsonParserStream parser = JsonParserStream.create(ImmutableNormalizedNodeStreamWriter.from(holder),
            JSONCodecFactorySupplier.RFC7951.getShared(RUNTIME.modelContext()));
        try (JsonReader reader = new JsonReader(json)) {
            parser.parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromNormalized(holder.getResult().data());
    }

    public static Pvsnet fromNormalized(final NormalizedNode node) {
        return (Pvsnet) CODEC.fromNormalizedNode(CONFIG_PATH, node).getValue();
    }

    public static NormalizedNode toNormalized(final Pvsnet config) {
        return CODEC.toNormalizedDataObject(CONFIG, config).node();
    }
}
