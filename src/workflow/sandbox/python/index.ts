// Python 3 for Dify code nodes, interpreted in TypeScript (see README.md).
export { runPython, runPythonScript } from "./run";
