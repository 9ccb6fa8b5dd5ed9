// oidc-provider ships no type declarations; the test uses its documented constructor and listen().
declare module 'oidc-provider';
