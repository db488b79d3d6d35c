package io.sluice.internal.rpc;

import java.util.concurrent.ExecutorService;

/** What every connection of one server or client shares. */
record Endpoint(MessageCodec codec, RpcHandler handler, StreamSource streams, ExecutorService pool,
    RpcSettings settings) {}
