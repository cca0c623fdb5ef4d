/** The options page's editor for one person, one file per section. */
export { PersonEditor } from './PersonEditor';
export { handleFrom } from './Profiles';
