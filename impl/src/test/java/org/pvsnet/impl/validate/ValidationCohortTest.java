/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutionException;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.NodeId;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.tree.api.ModificationType;
import org.opendaylight.yangtools.yang.data.tree.spi.DataTreeCandidateNodes;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.Mutate;

/**
 * The commit cohort that guards the configuration datastore, fed the DOM candidates the datastore
 * gives it.
 */
class ValidationCohortTest {
    private final ValidationCohort cohort = new ValidationCohort(new ConfigurationReader(Examples.CODEC));

    private PostCanCommitStep canCommit(final @Nullable Pvsnet after) throws Exception {
        final DataTreeCandidateNode node = after == null ? deleted(Examples.toNormalized(Examples.figs789()))
            : DataTreeCandidateNodes.written(Examples.toNormalized(after));
        final DOMDataTreeCandidate candidate = new DOMDataTreeCandidate() {
            @Override
            public DOMDataTreeIdentifier getRootPath() {
                return DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, Examples.CONFIG_PATH);
            }

            @Override
            public DataTreeCandidateNode getRootNode() {
                return node;
            }
        };
        return cohort.canCommit("tx-1", Examples.RUNTIME.modelContext(), List.of(candidate)).get();
    }

    @Test
    void acceptsAValidConfiguration() throws Exception {
        assertThat(canCommit(Examples.figs789())).isSameAs(PostCanCommitStep.NOOP);
    }

    @Test
    void acceptsDeletingTheConfiguration() throws Exception {
        assertThat(canCommit(null)).isSameAs(PostCanCommitStep.NOOP);
    }

    @Test
    void refusesWithInvalidValueAndTheReason() {
        final Pvsnet bad = Mutate.pvs(Examples.figs789(), "C1", "main-server",
            p -> p.setHost(new NodeId("openflow:77")));
        assertThatThrownBy(() -> canCommit(bad)).isInstanceOf(ExecutionException.class).cause()
            .isInstanceOf(DataValidationFailedException.class)
            .hasMessage("pvsnet refused the configuration, nothing was applied: "
                + "pvsnet:pvsnet/customer=C1/pvs=main-server/host: switch openflow:77 is not configured in "
                + "pvsnet:pvsnet/switch")
            .cause().isInstanceOfSatisfying(NetconfDocumentedException.class, e -> {
                // RESTCONF answers 400 for invalid-value
                assertThat(e.getErrorTag()).isEqualTo(ErrorTag.INVALID_VALUE);
                assertThat(e.getErrorType()).isEqualTo(ErrorType.APPLICATION);
            });
    }

    private static DataTreeCandidateNode deleted(final NormalizedNode before) {
        return new DataTreeCandidateNode() {
            @Override
            public org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument name() {
                return before.name();
            }

            @Override
            public java.util.Collection<DataTreeCandidateNode> childNodes() {
                return List.of();
            }

            @Override
            public DataTreeCandidateNode modifiedChild(
                    final org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument child) {
                return null;
            }

            @Override
            public ModificationType modificationType() {
                return ModificationType.DELETE;
            }

            @Override
            public NormalizedNode dataBefore() {
                return before;
            }

            @Override
            public NormalizedNode dataAfter() {
                return null;
            }
        };
    }
}
