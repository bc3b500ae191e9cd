/**
 * Workflow histories to and from the proto3 JSON that Temporal's CLI and UI export, for the saved
 * histories in test/histories/. The SDK has this (historyToJSON / historyFromJSON in
 * @temporalio/common), but in this install it throws "type must be a Type": @grpc/proto-loader
 * holds protobufjs 7 at the top of node_modules, so @temporalio/common and @temporalio/proto each
 * get their own protobufjs 8 copy, and the common copy's protojson does not recognise the proto
 * package's reflected types. This module uses the protojson of the copy that built those types;
 * once protobufjs is deduplicated, the SDK's functions can take its place (same JSON either way).
 */
import { createRequire } from 'node:module';
import type { History } from '@temporalio/common/lib/proto-utils';

interface ReflectedType {
  fromObject(object: object): object;
}
interface ProtoJson {
  toJson(type: ReflectedType, message: object): unknown;
  fromJson(type: ReflectedType, json: unknown, options: { ignoreUnknownFields: boolean }): History;
}

const requireHere = createRequire(import.meta.url);
const protoEntry = requireHere.resolve('@temporalio/proto');
const protojson = createRequire(protoEntry)('protobufjs/ext/protojson') as ProtoJson;
const { patchProtobufRoot } = requireHere('@temporalio/proto/lib/patch-protobuf-root') as {
  patchProtobufRoot(root: unknown): { lookupType(name: string): ReflectedType };
};
const historyType = patchProtobufRoot(requireHere(protoEntry)).lookupType('temporal.api.history.v1.History');

export function historyToJson(history: History): string {
  return `${JSON.stringify(protojson.toJson(historyType, historyType.fromObject(history)), null, 2)}\n`;
}

/** Unknown fields (from a newer server) are ignored, as the SDK does. */
export function historyFromJson(json: string): History {
  return protojson.fromJson(historyType, JSON.parse(json), { ignoreUnknownFields: true });
}
