import protobuf from 'protobufjs';

/**
 * BuildKit reports progress as base64 `moby.buildkit.v1.StatusResponse` messages (BuildKit's
 * control.proto). Only the fields Skylift reads are declared; protobuf skips the rest.
 */
const Timestamp = new protobuf.Type('Timestamp').add(new protobuf.Field('seconds', 1, 'int64'));
const Vertex = new protobuf.Type('Vertex')
  .add(new protobuf.Field('digest', 1, 'string'))
  .add(new protobuf.Field('name', 3, 'string'))
  .add(new protobuf.Field('cached', 4, 'bool'))
  .add(new protobuf.Field('started', 5, 'Timestamp'))
  .add(new protobuf.Field('completed', 6, 'Timestamp'))
  .add(new protobuf.Field('error', 7, 'string'));
const VertexLog = new protobuf.Type('VertexLog').add(new protobuf.Field('vertex', 1, 'string')).add(new protobuf.Field('msg', 4, 'bytes'));
const StatusResponse = new protobuf.Type('StatusResponse')
  .add(new protobuf.Field('vertexes', 1, 'Vertex', 'repeated'))
  .add(new protobuf.Field('logs', 3, 'VertexLog', 'repeated'));
new protobuf.Root().define('moby.buildkit.v1').add(Timestamp).add(Vertex).add(VertexLog).add(StatusResponse);

export interface BuildkitVertex {
  digest: string;
  name: string;
  cached: boolean;
  started: boolean;
  completed: boolean;
  error: string;
}

export interface BuildkitStatus {
  vertexes: BuildkitVertex[];
  logs: Array<{ vertex: string; text: string }>;
}

export function decodeBuildkitStatus(base64: string): BuildkitStatus {
  const message = StatusResponse.toObject(StatusResponse.decode(Buffer.from(base64, 'base64')), { defaults: true }) as {
    vertexes: Array<{ digest: string; name: string; cached: boolean; started?: object; completed?: object; error: string }>;
    logs: Array<{ vertex: string; msg: Uint8Array }>;
  };
  return {
    vertexes: message.vertexes.map((v) => ({ digest: v.digest, name: v.name, cached: v.cached, started: Boolean(v.started), completed: Boolean(v.completed), error: v.error })),
    logs: message.logs.map((l) => ({ vertex: l.vertex, text: Buffer.from(l.msg).toString('utf8') })),
  };
}

/** For tests: the bytes BuildKit would send for a status. */
export function encodeBuildkitStatus(status: { vertexes?: Array<Partial<BuildkitVertex>>; logs?: Array<{ vertex: string; text: string }> }): string {
  const stamp = { seconds: 1 };
  const message = StatusResponse.fromObject({
    vertexes: (status.vertexes ?? []).map((v) => ({ ...v, started: v.started ? stamp : undefined, completed: v.completed ? stamp : undefined })),
    logs: (status.logs ?? []).map((l) => ({ vertex: l.vertex, msg: Buffer.from(l.text) })),
  });
  return Buffer.from(StatusResponse.encode(message).finish()).toString('base64');
}
