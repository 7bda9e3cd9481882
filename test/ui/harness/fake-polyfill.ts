import { createFakeBrowser } from '../../setup/fake-browser';
export default createFakeBrowser();
