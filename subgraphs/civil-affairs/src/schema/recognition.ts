// Recognition (认定): applications, their steps, verification, notice, confirmation and review.
import './policy.ts';
import './application.ts';
import './case-steps.ts';
import './verification.ts';
import './notice.ts';
import './review.ts';
import './alert-link.ts';
