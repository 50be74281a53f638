// What to do about a failed task, from its code as the contract's error catalogue describes it:
// a parameter the gateway refused, a service failure (the same job can succeed later), or the
// model failing on this job (it may fail again with the same input).
import { seedCodeInfo } from "@vidu-extend/contract";

/** The flag that sets a parameter: `wm_url` → `--wm-url`, `images[0]` → `--image`. */
function flagOf(field: string): string {
  return field
    .split("|")
    .map((name) => (name.startsWith("images") ? "--image" : `--${name.replace(/_/g, "-")}`))
    .join(" or ");
}

export function failureAdvice(code: string): string {
  const info = seedCodeInfo(code);
  if (info === undefined)
    return `The model pages do not list code ${code}: submit the job again; if the same code comes back, the gateway's support can say what it means.`;
  const said = `${info.model} says "${info.description}" (seed code ${code})`;
  if (info.field !== undefined) return `${said}: fix ${flagOf(info.field)} and submit again.`;
  if (info.failure === "transient") return `${said}: the service failed, not the job. Submit the same job again later.`;
  return `${said}: the model failed on this job. Submit it again; if it fails again, change the prompt, the input video or the end frame.`;
}
