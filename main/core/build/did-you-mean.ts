// One edit-distance helper for Skylift: shared/ holds it so the project file's messages (parsed in the renderer too) use it as well.
export { closestMatch } from '../../../shared/text/did-you-mean';
