// The project copy lives with the scripts, which the watch-mode benchmark shares with the tests.
export { copyProject, repoRoot, type ProjectCopy } from "../../scripts/project/project-copy.js";
