/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.validate;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import java.util.Collection;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vetoes any commit that would store a configuration pvsnet cannot program, before it is stored: a
 * client never gets "success" for a configuration that is then ignored, and nothing is half-applied.
 *
 * <p>The veto carries a {@link NetconfDocumentedException} with error-tag invalid-value: RESTCONF
 * looks for one in the failure's causes and then answers 400 with our message instead of a generic
 * 500 "Transaction not committed correctly".
 */
public final class ValidationCohort implements DOMDataTreeCommitCohort {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationCohort.class);

    private final ConfigurationReader reader;

    public ValidationCohort(final ConfigurationReader reader) {
        this.reader = requireNonNull(reader);
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public FluentFuture<PostCanCommitStep> canCommit(final Object txId, final EffectiveModelContext ctx,
            final Collection<DOMDataTreeCandidate> candidates) {
        for (DOMDataTreeCandidate candidate : candidates) {
            final YangInstanceIdentifier path = candidate.getRootPath().path();
            final String refusal;
            try {
                refusal = refusal(candidate.getRootNode());
            } catch (RuntimeException e) {
                // Never throw from a cohort: the datastore only understands a failed future.
                LOG.error("Transaction {}: could not check the configuration", txId, e);
                return reject(path, "pvsnet could not check the configuration: " + e);
            }
            if (refusal != null) {
                LOG.info("Transaction {} refused: {}", txId, refusal);
                return reject(path, refusal);
            }
        }
        return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
    }

    private String refusal(final DataTreeCandidateNode change) {
        // the change, not only its result: the reader then reads only the customers it wrote
        return reader.check(change) instanceof Validation.Outcome.Rejected rejected
            ? rejected.message() : null;
    }

    private static FluentFuture<PostCanCommitStep> reject(final YangInstanceIdentifier path, final String message) {
        return FluentFutures.immediateFailedFluentFuture(new DataValidationFailedException(
            YangInstanceIdentifier.class, path, message,
            new NetconfDocumentedException(message, ErrorType.APPLICATION, ErrorTag.INVALID_VALUE,
                ErrorSeverity.ERROR)));
    }
}
