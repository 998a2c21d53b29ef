/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.restconf;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeReadWriteTransaction;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.opendaylight.netconf.databind.DatabindContext;
import org.opendaylight.netconf.databind.RequestException;
import org.opendaylight.restconf.api.ApiPath;
import org.opendaylight.restconf.server.spi.ApiPathNormalizer;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ChoiceNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.model.api.CaseSchemaNode;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pvsnet.impl.model.Violation;
import org.pvsnet.impl.validate.ConfigurationReader;
import org.pvsnet.impl.validate.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of RESTCONF ({@code /rests/data/pvsnet:pvsnet...}), after authentication, and answers
 * the requests RESTCONF would get wrong for pvsnet's configuration: bodies {@link BodyCheck} refuses, a
 * PUT, POST or PATCH that would switch a stored choice to another case (the datastore fails it with a 500),
 * and a DELETE of something the rest of the configuration still needs (RESTCONF turns the validation's
 * refusal into a 500 "Transaction to delete failed"), which is tried on a transaction that is then thrown
 * away. Everything else passes through untouched; the validation cohort still guards every commit.
 */
@Component(service = Filter.class, property = {
    "osgi.http.whiteboard.filter.name=pvsnet-request-guard",
    "osgi.http.whiteboard.filter.pattern=/data/*",
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.path=/rests)",
    "osgi.http.whiteboard.filter.asyncSupported:Boolean=true",
    // After AAA's filters (ranked 0): an unauthenticated client learns nothing about the configuration.
    "service.ranking:Integer=-1000"
})
public final class RequestGuard implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
    private static final String TOP = "pvsnet:pvsnet";
    private static final Set<String> BODY_METHODS = Set.of("PUT", "POST", "PATCH");
    // Far above any real configuration (10k customers are a few MB), far below what would hurt the heap.
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    private static final long READ_SECONDS = 10;

    private final DOMSchemaService schemas;
    private final DOMDataBroker broker;
    private final ConfigurationReader reader;
    private final YangInstanceIdentifier configPath;
    private volatile Model model;

    /** The model's context and what pvsnet derives from it, rebuilt when the model changes. */
    private record Model(EffectiveModelContext context, BodyCheck bodies, ApiPathNormalizer paths) {
    }

    @Activate
    public RequestGuard(@Reference final DOMSchemaService schemas, @Reference final DOMDataBroker broker,
            @Reference final ConfigurationReader reader) {
        this.schemas = requireNonNull(schemas);
        this.broker = requireNonNull(broker);
        this.reader = requireNonNull(reader);
        this.configPath = YangInstanceIdentifier.of(new NodeIdentifier(Pvsnet.QNAME));
        LOG.info("pvsnet checks RESTCONF requests for {}", TOP);
    }

    @Override
    public void init(final FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing to release
    }

    @Override
    public void doFilter(final ServletRequest request, final ServletResponse response, final FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        final String method = http.getMethod();
        final BodyCheck.Target target = target(http);
        if (target == null || !BODY_METHODS.contains(method) && !method.equals("DELETE")) {
            chain.doFilter(request, response);
            return;
        }
        if (method.equals("DELETE")) {
            final Optional<Refusal> refusal = deletion(target);
            if (refusal.isPresent()) {
                refuse(method, target, refusal.orElseThrow(), out);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        final String contentType = String.valueOf(http.getContentType());
        if (!contentType.contains("json") || contentType.contains("yang-patch")) {
            // XML bodies and YANG Patch documents: RESTCONF's own checks, the cohort's validation.
            chain.doFilter(request, response);
            return;
        }
        final Optional<byte[]> read = body(http);
        if (read.isEmpty()) {
            refuse(method, target, new Refusal(413, "too-big", "body", "more than " + MAX_BODY_BYTES
                + " bytes; pvsnet takes configurations up to that size"), out);
            return;
        }
        final byte[] body = read.orElseThrow();
        final Optional<Refusal> refusal = bodyRefusal(method, target, new String(body, StandardCharsets.UTF_8));
        if (refusal.isPresent()) {
            refuse(method, target, refusal.orElseThrow(), out);
        } else {
            chain.doFilter(new Replayed(http, body), response);
        }
    }

    /** The data path of a request for pvsnet's configuration, or null for anything else. */
    private static BodyCheck.Target target(final HttpServletRequest http) {
        final String uri = http.getRequestURI();
        final String data = http.getContextPath() + "/data/";
        if (uri == null || !uri.startsWith(data)) {
            return null;
        }
        final BodyCheck.Target target = BodyCheck.Target.parse(uri.substring(data.length()));
        return !target.segments().isEmpty() && BodyCheck.decode(target.segments().get(0)).equals(TOP) ? target
            : null;
    }

    private Optional<Refusal> bodyRefusal(final String method, final BodyCheck.Target target, final String body) {
        final Model current = model();
        return switch (current.bodies().check(method, target, body)) {
            case BodyCheck.Outcome.Refuse refuse -> Optional.of(refuse.refusal());
            case BodyCheck.Outcome.Pass pass -> caseChange(current, method, pass.choices());
        };
    }

    /** A stored choice the request would switch to another case in place: the datastore fails those. */
    private Optional<Refusal> caseChange(final Model current, final String method,
            final List<BodyCheck.CaseChoice> choices) {
        final List<BodyCheck.CaseChoice> checked = new ArrayList<>();
        final List<YangInstanceIdentifier> paths = new ArrayList<>();
        for (BodyCheck.CaseChoice choice : choices) {
            if (!choice.outer() && !method.equals("PATCH") || choice.apiPath().isEmpty()) {
                continue;
            }
            try {
                paths.add(normalize(current, choice.apiPath()).node(new NodeIdentifier(choice.choice().getQName())));
                checked.add(choice);
            } catch (RequestException | ParseException e) {
                // A path RESTCONF will refuse itself.
                LOG.debug("Not checking {}: {}", choice.apiPath(), e.getMessage());
            }
        }
        final List<Optional<NormalizedNode>> stored = read(paths);
        for (int i = 0; i < checked.size(); i++) {
            final BodyCheck.CaseChoice choice = checked.get(i);
            if (stored.get(i).orElse(null) instanceof ChoiceNode node) {
                for (NormalizedNode child : node.body()) {
                    if (choice.chosen().dataChildByName(child.name().getNodeType()) == null) {
                        final String was = choice.choice().getCases().stream()
                            .filter(option -> option.dataChildByName(child.name().getNodeType()) != null)
                            .map(CaseSchemaNode::getQName).map(qname -> qname.getLocalName()).findFirst()
                            .orElse(child.name().getNodeType().getLocalName());
                        final String name = choice.choice().getQName().getLocalName();
                        return Optional.of(Refusal.invalid(choice.field() + "/" + name, "is " + was
                            + "; a " + method + " cannot change it to " + choice.chosen().getQName().getLocalName()
                            + " in place: PUT the whole " + choice.field() + " with its new " + name));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The deletion tried on a transaction that is thrown away: refused when validation would refuse it. */
    private Optional<Refusal> deletion(final BodyCheck.Target target) {
        final YangInstanceIdentifier path;
        try {
            path = normalize(model(), target.apiPath());
        } catch (RequestException | ParseException e) {
            return Optional.empty();
        }
        final DOMDataTreeReadWriteTransaction tx = broker.newReadWriteTransaction();
        try {
            if (!tx.exists(LogicalDatastoreType.CONFIGURATION, path).get(READ_SECONDS, TimeUnit.SECONDS)) {
                // RESTCONF answers 409 data-missing itself.
                return Optional.empty();
            }
            tx.delete(LogicalDatastoreType.CONFIGURATION, path);
            final Optional<NormalizedNode> after = tx.read(LogicalDatastoreType.CONFIGURATION, configPath)
                .get(READ_SECONDS, TimeUnit.SECONDS);
            // the shared reader reads only the entries it has not read before, and checks only the customers it
            // has not checked before: not 10,000 customers per DELETE
            if (reader.checkDraft(after.orElse(null)) instanceof Validation.Outcome.Rejected rejected) {
                return Optional.of(new Refusal(409, "data-missing", target.field(), "cannot be deleted while "
                    + "the rest of the configuration needs it: " + rejected.violations().stream()
                        .map(Violation::toString).collect(Collectors.joining("; "))));
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            // The commit itself will tell; the cohort still refuses what validation refuses.
            LOG.warn("Could not try the deletion of {} first", target.field(), e);
            return Optional.empty();
        } finally {
            tx.cancel();
        }
    }

    /**
     * The stored nodes at the paths, in their order (empty where nothing is stored or the read failed). One
     * transaction, every read sent before any is waited for: a PATCH of 250 customers names 500 choices, and a
     * transaction each cost a datastore round trip and a journal entry apiece.
     */
    private List<Optional<NormalizedNode>> read(final List<YangInstanceIdentifier> paths) {
        if (paths.isEmpty()) {
            return List.of();
        }
        final List<Optional<NormalizedNode>> stored = new ArrayList<>(paths.size());
        try (var tx = broker.newReadOnlyTransaction()) {
            final var reads = paths.stream().map(path -> tx.read(LogicalDatastoreType.CONFIGURATION, path)).toList();
            for (int i = 0; i < reads.size(); i++) {
                try {
                    stored.add(reads.get(i).get(READ_SECONDS, TimeUnit.SECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    LOG.warn("Could not read {}", paths.get(i), e);
                    stored.add(Optional.empty());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            while (stored.size() < paths.size()) {
                stored.add(Optional.empty());
            }
        }
        return stored;
    }

    private static YangInstanceIdentifier normalize(final Model current, final String apiPath)
            throws RequestException, ParseException {
        return current.paths().normalizeDataPath(ApiPath.parse(apiPath)).instance();
    }

    private Model model() {
        final EffectiveModelContext context = schemas.getGlobalContext();
        final Model known = model;
        if (known != null && known.context() == context) {
            return known;
        }
        final Model fresh = new Model(context, new BodyCheck(context, Pvsnet.QNAME, "pvsnet"),
            new ApiPathNormalizer(DatabindContext.ofModel(context)));
        model = fresh;
        return fresh;
    }

    /** The body, or nothing when it is larger than pvsnet takes. */
    private static Optional<byte[]> body(final HttpServletRequest http) throws IOException {
        if (http.getContentLengthLong() > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final byte[] buffer = new byte[65_536];
        try (InputStream in = http.getInputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                bytes.write(buffer, 0, read);
                if (bytes.size() > MAX_BODY_BYTES) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(bytes.toByteArray());
    }

    private static void refuse(final String method, final BodyCheck.Target target, final Refusal refusal,
            final HttpServletResponse out) throws IOException {
        LOG.info("{} {} refused ({}): {}", method, target.field(), refusal.status(), refusal.message());
        out.setStatus(refusal.status());
        out.setContentType("application/yang-data+json");
        out.setCharacterEncoding("UTF-8");
        out.getOutputStream().write(refusal.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The request with its body read once here and again by RESTCONF. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(final HttpServletRequest request, final byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            final ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(final byte[] buffer, final int offset, final int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(final ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
