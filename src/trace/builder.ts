/**
 * Builds TraceColumns by hand, one event at a time. Tests use it to write small traces that read
 * like the program they describe, and synthetic.ts uses it to generate million-event traces, so it
 * grows typed arrays in place instead of collecting a million JS numbers first.
 */
import { FutureKind, SCHEMA_VERSION } from './schema';
import type { TraceColumns, TraceMeta } from './schema';

type TypedArray = Uint8Array | Int32Array | Float64Array;
type TypedCtor<T extends TypedArray> = { new (n: number): T };

/** A column that doubles its backing typed array when full. */
class Column<T extends TypedArray> {
  data: T;
  length = 0;
  private readonly ctor: TypedCtor<T>;
  constructor(ctor: TypedCtor<T>, capacity = 64) {
    this.ctor = ctor;
    this.data = new ctor(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new this.ctor(this.data.length * 2);
      (next as TypedArray).set(this.data as never);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** A right-sized copy, so the trace holds no slack. */
  finish(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** Where and when the next event happens; set it with `at()`. */
export interface EventContext {
  time: number;
  task: number;
  line: number;
}

export class TraceBuilder {
  private readonly stringIds = new Map<string, number>();
  private readonly strings: string[] = [];
  private readonly ev = {
    kind: new Column(Uint8Array, 1024),
    time: new Column(Float64Array, 1024),
    task: new Column(Int32Array, 1024),
    line: new Column(Int32Array, 1024),
    a: new Column(Int32Array, 1024),
    b: new Column(Int32Array, 1024),
    c: new Column(Int32Array, 1024),
  };
  private readonly hd = {
    kind: new Column(Uint8Array),
    when: new Column(Float64Array),
    descr: new Column(Int32Array),
    task: new Column(Int32Array),
    line: new Column(Int32Array),
  };
  private readonly fu = {
    kind: new Column(Uint8Array),
    label: new Column(Int32Array),
    owner: new Column(Int32Array),
    line: new Column(Int32Array),
    task: new Column(Int32Array),
  };
  private readonly tk = {
    future: new Column(Int32Array),
    name: new Column(Int32Array),
    coro: new Column(Int32Array),
    parent: new Column(Int32Array),
    line: new Column(Int32Array),
  };
  private readonly rs = {
    kind: new Column(Uint8Array),
    name: new Column(Int32Array),
    line: new Column(Int32Array),
    capacity: new Column(Int32Array),
  };
  /** Context stamped on the next events. */
  readonly ctx: EventContext = { time: 0, task: -1, line: 0 };
  meta: TraceMeta;

  constructor(meta: Partial<TraceMeta> = {}) {
    this.meta = {
      filename: 'main.py',
      source: '',
      pythonVersion: '3.14',
      outcome: 0,
      outcomeDetail: '',
      wallMs: 0,
      options: {},
      ...meta,
    };
  }

  get eventCount(): number {
    return this.ev.kind.length;
  }

  /** Sets the context for the following events; omitted fields keep their value. */
  at(time?: number, task?: number, line?: number): this {
    if (time !== undefined) this.ctx.time = time;
    if (task !== undefined) this.ctx.task = task;
    if (line !== undefined) this.ctx.line = line;
    return this;
  }

  /** Interns a string; null gives -1 (none). */
  str(text: string | null | undefined): number {
    if (text === null || text === undefined) return -1;
    let id = this.stringIds.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.stringIds.set(text, id);
    }
    return id;
  }

  /** Appends an event with the current context; returns its index. */
  emit(kind: number, a = 0, b = 0, c = 0, line = this.ctx.line): number {
    const e = this.ev;
    e.kind.push(kind);
    e.time.push(this.ctx.time);
    e.task.push(this.ctx.task);
    e.line.push(line);
    e.a.push(a);
    e.b.push(b);
    e.c.push(c);
    return e.kind.length - 1;
  }

  handle(kind: number, when: number, descr: string | null, task = -1, line = 0): number {
    const h = this.hd;
    h.kind.push(kind);
    h.when.push(when);
    h.descr.push(this.str(descr));
    h.task.push(task);
    h.line.push(line);
    return h.kind.length - 1;
  }

  future(kind: number, label: string | null, owner = -1, line = 0, task = -1): number {
    const f = this.fu;
    f.kind.push(kind);
    f.label.push(this.str(label));
    f.owner.push(owner);
    f.line.push(line);
    f.task.push(task);
    return f.kind.length - 1;
  }

  /** Adds a task row and its task-future row; returns the task id. */
  task(name: string, coro: string, parent = -1, line = 0): number {
    const id = this.tk.future.length;
    const fut = this.future(FutureKind.TASK, name, parent, line, id);
    const t = this.tk;
    t.future.push(fut);
    t.name.push(this.str(name));
    t.coro.push(this.str(coro));
    t.parent.push(parent);
    t.line.push(line);
    return id;
  }

  /** The future id of a task made by `task()`. */
  taskFuture(task: number): number {
    return this.tk.future.data[task];
  }

  resource(kind: number, name: string | null, line = 0, capacity = 0): number {
    const r = this.rs;
    r.kind.push(kind);
    r.name.push(this.str(name));
    r.line.push(line);
    r.capacity.push(capacity);
    return r.kind.length - 1;
  }

  build(): TraceColumns {
    const e = this.ev;
    const h = this.hd;
    const f = this.fu;
    const t = this.tk;
    const r = this.rs;
    return {
      version: SCHEMA_VERSION,
      meta: this.meta,
      strings: this.strings.slice(),
      events: {
        kind: e.kind.finish(),
        time: e.time.finish(),
        task: e.task.finish(),
        line: e.line.finish(),
        a: e.a.finish(),
        b: e.b.finish(),
        c: e.c.finish(),
      },
      handles: {
        kind: h.kind.finish(),
        when: h.when.finish(),
        descr: h.descr.finish(),
        task: h.task.finish(),
        line: h.line.finish(),
      },
      futures: {
        kind: f.kind.finish(),
        label: f.label.finish(),
        owner: f.owner.finish(),
        line: f.line.finish(),
        task: f.task.finish(),
      },
      tasks: {
        future: t.future.finish(),
        name: t.name.finish(),
        coro: t.coro.finish(),
        parent: t.parent.finish(),
        line: t.line.finish(),
      },
      resources: {
        kind: r.kind.finish(),
        name: r.name.finish(),
        line: r.line.finish(),
        capacity: r.capacity.finish(),
      },
    };
  }
}
