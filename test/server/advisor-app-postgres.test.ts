import { describeAdvisorApp } from './advisor-app-suite.js';

describeAdvisorApp('postgres');
