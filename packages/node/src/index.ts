// @vidu-extend/node: the core, configured from process.env, plus what Node adds: local image
// files and a node:http / Express callback receiver.
export * from "@vidu-extend/core";
export { callbackHandler, type NodeCallbackHandlerOptions } from "./callback-handler.js";
export { createClient, layer } from "./client.js";
export { ImageFileError, imageFromFile } from "./image-from-file.js";
export { downloadVideo, type DownloadedVideo } from "./download.js";
export { fileJournal, JournalFileError, type FileJournal } from "./file-journal.js";
