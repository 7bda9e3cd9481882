import { render } from 'preact';
import '../ui/theme.css';
import { OptionsApp } from './App';
import { runImportInWorker } from './run-import';

document.body.classList.add('options');
const root = document.getElementById('app');
if (root) render(<OptionsApp importRunner={runImportInWorker} />, root);
