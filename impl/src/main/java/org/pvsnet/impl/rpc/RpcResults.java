/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.rpc;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/** How pvsnet's RPCs answer: the output, or an invalid-value error naming the input leaf and the reason. */
final class RpcResults {
    private RpcResults() {
        // utility
    }

    static <O> ListenableFuture<RpcResult<O>> success(final O output) {
        return Futures.immediateFuture(RpcResultBuilder.success(output).build());
    }

    static <O> ListenableFuture<RpcResult<O>> invalid(final String leaf, final String reason) {
        return Futures.immediateFuture(RpcResultBuilder.<O>failed()
            .withError(ErrorType.PROTOCOL, ErrorTag.INVALID_VALUE, "input/" + leaf + ": " + reason).build());
    }

    static <O> ListenableFuture<RpcResult<O>> unavailable(final String reason) {
        return Futures.immediateFuture(RpcResultBuilder.<O>failed()
            .withError(ErrorType.APPLICATION, ErrorTag.RESOURCE_DENIED, reason).build());
    }
}
