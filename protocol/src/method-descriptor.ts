import { ParameterStructures, RequestType } from 'vscode-jsonrpc';

/** Who sends a request: the host to a handler, a handler back to the host, or an application to the host. */
export type Direction = 'hostToHandler' | 'handlerToHost' | 'applicationToHost';

/** One JSON-RPC request of the protocol, declared once and imported by host and SDK alike. */
export interface MethodDescriptor<P, R> {
  /** The JSON-RPC method name on the wire. */
  readonly method: string;
  readonly direction: Direction;
  /** The COM method it mirrors ("ISyncMgrSynchronize::PrepareForSync"), or "extension" for ours. */
  readonly mirrors: string;
  /** Names of the params and result types in the generated JSON Schema. */
  readonly paramsSchema: string;
  readonly resultSchema: string;
  /** The vscode-jsonrpc request type: params travel by name, as one object. */
  readonly type: RequestType<P, R, void>;
}

/** The spec of a request, without the vscode-jsonrpc type that is built from it. */
export type MethodSpec = Omit<MethodDescriptor<unknown, unknown>, 'type'>;

/** Declares a request; the type parameters bind its params and result at every call site. */
export function defineRequest<P, R>(spec: MethodSpec): MethodDescriptor<P, R> {
  return { ...spec, type: new RequestType<P, R, void>(spec.method, ParameterStructures.byName) };
}
