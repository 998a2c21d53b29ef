/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrier;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrierOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessages;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundle;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.render.SwitchProgrammer;
import org.pvsnet.impl.render.SwitchWriter;
import org.pvsnet.impl.resolve.ResolvedNetwork;
import org.pvsnet.impl.validate.Validation;

/**
 * The controller's work for one configuration, stage by stage, on one thread: validate (and read into the
 * model), resolve, compile. N customers shaped like bench/provision.py's (a VLAN site on the tunnel switch, a PVS
 * behind a VLAN on a host), 2000 to a host. Each stage runs --rounds times; the first rounds warm the JIT up and
 * the median of the last half is printed. Each stage starts after a full collection, so that it is not
 * charged with collecting the garbage of the stage before. Then one customer more, compiled from scratch, and
 * as the pipeline handles it: resolved from the N customers' resolved view, compiled with their compilation's memo
 * (Compiler.Memo), and written as differences by a SwitchProgrammer whose switches take every bundle at once.
 *
 * Run with bench/compile [--customers N] [--rounds R].
 */
public final class CompileBench {
    private static final int PER_HOST = 2000;

    // a switch that takes every bundle message and commit at once
    private static final RpcService TAKES_EVERYTHING = new RpcService() {
        @Override
        public <R extends Rpc<?, ?>> R getRpc(final Class<R> type) {
            if (type == ControlBundle.class) {
                return type.cast((ControlBundle) input ->
                    RpcResultBuilder.success(new ControlBundleOutputBuilder().build()).buildFuture());
            }
            if (type == AddBundleMessages.class) {
                return type.cast((AddBundleMessages) input ->
                    RpcResultBuilder.success(new AddBundleMessagesOutputBuilder().build()).buildFuture());
            }
            if (type == SendBarrier.class) {
                return type.cast((SendBarrier) input ->
                    RpcResultBuilder.success(new SendBarrierOutputBuilder().build()).buildFuture());
            }
            throw new UnsupportedOperationException(type.getSimpleName());
        }
    };

    private CompileBench() {
    }

    public static void main(final String[] args) throws InterruptedException {
        int customers = 10_000;
        int rounds = 10;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--customers" -> customers = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final Pvsnet config = Examples.parse(new StringReader(document(customers, customers + 1)));
        final Pvsnet grown = Examples.parse(new StringReader(document(customers + 1, customers + 1)));
        final List<Long> validate = new ArrayList<>();
        final List<Long> resolve = new ArrayList<>();
        final List<Long> compile = new ArrayList<>();
        final List<Long> oneMore = new ArrayList<>();
        final List<Long> oneMoreResolve = new ArrayList<>();
        final List<Long> oneMoreMemo = new ArrayList<>();
        final List<Long> oneMoreWrite = new ArrayList<>();
        int flows = 0;
        for (int round = 0; round < rounds; round++) {
            System.gc();
            long start = System.nanoTime();
            final Network network = accepted(config);
            validate.add(System.nanoTime() - start);
            System.gc();
            start = System.nanoTime();
            final ResolvedNetwork resolved = ResolvedNetwork.of(network);
            resolve.add(System.nanoTime() - start);
            System.gc();
            start = System.nanoTime();
            final Compiler.Compilation compilation = Compiler.compile(resolved);
            compile.add(System.nanoTime() - start);
            flows = compilation.flowCount();
            final Network grownNetwork = accepted(grown);
            final ResolvedNetwork grownResolved = ResolvedNetwork.of(grownNetwork);
            System.gc();
            start = System.nanoTime();
            Compiler.compile(grownResolved);
            oneMore.add(System.nanoTime() - start);
            // the pipeline's way: the N customers resolved, compiled and written before, the switches the very
            // objects the reader kept; the write goes to switches that take every bundle at once
            final Compiler.Memo memo = new Compiler.Memo();
            final Compiler.Compilation before = Compiler.compile(resolved, memo);
            final SwitchProgrammer programmer = new SwitchProgrammer(new SwitchWriter(TAKES_EVERYTHING), n -> true);
            programmer.write(before);
            before.flows().keySet().forEach(nodeId -> programmer.confirmed(nodeId, before));
            final TreeMap<String, Customer> withOneMore = new TreeMap<>(network.customers());
            final String added = "K" + (customers + 1);
            withOneMore.put(added, grownNetwork.customers().get(added));
            final Network incremental = new Network(network.switches(), withOneMore);
            System.gc();
            start = System.nanoTime();
            final ResolvedNetwork incrementalResolved = ResolvedNetwork.of(incremental, resolved);
            oneMoreResolve.add(System.nanoTime() - start);
            start = System.nanoTime();
            final Compiler.Compilation after = Compiler.compile(incrementalResolved, memo);
            oneMoreMemo.add(System.nanoTime() - start);
            start = System.nanoTime();
            final SwitchProgrammer.Outcome outcome = programmer.write(after);
            oneMoreWrite.add(System.nanoTime() - start);
            if (outcome.added() != after.flowCount() - before.flowCount() || outcome.removed() != 0) {
                throw new IllegalStateException("one customer more wrote " + outcome);
            }
        }
        System.out.printf("%d customers, %d flows; median of the last %d of %d rounds, one thread:%n", customers,
            flows, rounds - rounds / 2, rounds);
        System.out.printf("  validate + read model   %8.1f ms%n", median(validate));
        System.out.printf("  resolve                 %8.1f ms%n", median(resolve));
        System.out.printf("  compile                 %8.1f ms%n", median(compile));
        System.out.printf("  one customer more, compile all %d from scratch  %8.1f ms%n", customers + 1,
            median(oneMore));
        System.out.printf("  one customer more, as the pipeline does it (from the last one's results): resolve %8.1f"
            + " ms, compile %8.1f ms, write (differences, to switches that answer at once) %8.1f ms%n",
            median(oneMoreResolve), median(oneMoreMemo), median(oneMoreWrite));
    }

    private static Network accepted(final Pvsnet config) {
        return switch (Validation.check(config)) {
            case Validation.Outcome.Accepted accepted -> accepted.network();
            case Validation.Outcome.Rejected rejected -> throw new IllegalStateException(rejected.message());
        };
    }

    private static double median(final List<Long> nanos) {
        final List<Long> last = new ArrayList<>(nanos.subList(nanos.size() / 2, nanos.size()));
        last.sort(null);
        return last.get(last.size() / 2) / 1e6;
    }

    /** The configuration: customers 1..count, and ports for `ports` customers. */
    static String document(final int count, final int ports) {
        final int hosts = (Math.max(count, ports) + PER_HOST - 1) / PER_HOST;
        final StringBuilder json = new StringBuilder("{\"pvsnet:pvsnet\":{\"switch\":[");
        json.append("{\"node-id\":\"openflow:1\",\"role\":\"tunnel-switch\",\"gateway-mac\":\"02:00:00:00:00:01\","
            + "\"port\":[");
        for (int h = 0; h < hosts; h++) {
            json.append(h == 0 ? "" : ",").append("{\"number\":").append(100 + h).append(",\"role\":\"external\"},")
                .append("{\"number\":").append(2 + h).append(",\"role\":\"internal\"}");
        }
        json.append("]}");
        for (int h = 0; h < hosts; h++) {
            json.append(",{\"node-id\":\"openflow:").append(10 + h).append("\",\"role\":\"host\",\"port\":[")
                .append("{\"number\":1,\"role\":\"internal\"}");
            for (int k = 0; k < PER_HOST; k++) {
                json.append(",{\"number\":").append(2 + k).append(",\"role\":\"pvs\"}");
            }
            json.append("]}");
        }
        json.append("],\"customer\":[");
        for (int n = 1; n <= count; n++) {
            final int host = (n - 1) / PER_HOST;
            final int k = (n - 1) % PER_HOST;
            final String mac = String.format("%02x:%02x", n / 256 % 256, n % 256);
            json.append(n == 1 ? "" : ",").append("{\"id\":\"K").append(n).append("\",\"number\":").append(n)
                .append(",\"address-space\":[\"10.0.0.0/8\"],\"tunnel\":[")
                .append("{\"name\":\"site\",\"switch\":\"openflow:1\",\"port\":").append(100 + host)
                .append(",\"vlan\":{\"vlan-id\":").append(1 + k).append("}},")
                .append("{\"name\":\"pvs\",\"switch\":\"openflow:1\",\"port\":").append(2 + host)
                .append(",\"vlan\":{\"vlan-id\":").append(2001 + k).append("}}],")
                .append("\"site\":[{\"name\":\"hq\",\"prefix\":[\"10.1.0.0/16\"],\"tunnel\":\"site\",")
                .append("\"next-hop\":\"10.1.0.1\",\"router-mac\":\"02:10:").append(String.format("%02x", n >> 16))
                .append(':').append(mac).append(":00\"}],")
                .append("\"pvs\":[{\"name\":\"web\",\"address\":\"10.0.0.10\",\"mac\":\"02:20:")
                .append(String.format("%02x", n >> 16)).append(':').append(mac).append(":00\",\"host\":\"openflow:")
                .append(10 + host).append("\",\"port\":").append(2 + k).append(",\"tunnel\":\"pvs\"}]}");
        }
        return json.append("]}}").toString();
    }
}
