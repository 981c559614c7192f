import fs from 'node:fs';
import path from 'node:path';
import { Argument } from 'commander';
import { PROJECT_FILE } from '../../shared/project/parse';

/**
 * The project folder a command-line path names: `…/skylift.yaml` (the file, as a shell's tab
 * completion often leaves it) means its folder, so the user hears about the project, not "No folder".
 */
export function toProjectDir(arg: string): string {
  const namesTheFile = path.basename(arg) === PROJECT_FILE && !(fs.statSync(arg, { throwIfNoEntry: false })?.isDirectory() ?? false);
  return namesTheFile ? path.dirname(arg) : arg;
}

/** `<project-dir>`: the project folder, or its skylift.yaml. */
export const projectDirArgument = () => new Argument('<project-dir>', `folder with ${PROJECT_FILE} (or the ${PROJECT_FILE} itself)`).argParser(toProjectDir);
