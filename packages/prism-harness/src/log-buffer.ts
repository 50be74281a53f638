const LIMIT = 64 * 1024;

/** Keeps only the tail of a process's output, so a chatty long-lived server cannot grow memory without bound. */
export class LogBuffer {
  #text = "";

  append(chunk: string): void {
    this.#text = (this.#text + chunk).slice(-LIMIT);
  }

  toString(): string {
    return this.#text;
  }
}
