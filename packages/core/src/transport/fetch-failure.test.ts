import { describe, expect, it } from "vitest";
import { undiciError } from "../../test/support/scripted-fetch.js";
import { classifyFetchFailure, describeFetchFailure } from "./fetch-failure.js";

describe("classifyFetchFailure", () => {
  it.each([
    ["ECONNREFUSED", "refused"],
    ["ENOTFOUND", "dns"],
    ["EAI_AGAIN", "dns"],
    ["UND_ERR_CONNECT_TIMEOUT", "connect-timeout"],
    ["ECONNRESET", "reset"],
    ["UND_ERR_SOCKET", "reset"],
    ["UND_ERR_HEADERS_TIMEOUT", "timeout"],
  ])("reads Node's %s as %s", (code, failure) => {
    expect(classifyFetchFailure(undiciError(code))).toBe(failure);
  });

  it("looks inside AggregateErrors (Happy Eyeballs tries several addresses)", () => {
    const error = new TypeError("fetch failed", {
      cause: new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:9"), { code: "ECONNREFUSED" })]),
    });
    expect(classifyFetchFailure(error)).toBe("refused");
  });

  it("reads Deno's messages", () => {
    expect(
      classifyFetchFailure(
        new TypeError("error sending request: tcp connect error: Connection refused (os error 111)"),
      ),
    ).toBe("refused");
    expect(classifyFetchFailure(new TypeError("dns error: failed to lookup address information"))).toBe("dns");
  });

  it("treats a browser's bare failure as possibly sent", () => {
    expect(classifyFetchFailure(new TypeError("Failed to fetch"))).toBe("network");
  });

  it("describes the whole cause chain", () => {
    expect(describeFetchFailure(undiciError("ECONNREFUSED"))).toBe("fetch failed: connect ECONNREFUSED 127.0.0.1:9");
  });
});
