/** Made-up ids in Azure's formats, shared by the Azure tests; not real tenants, apps or subscriptions. */
export const TENANT = '7a1c3e55-0d2b-4f6e-9a8c-1b2d3e4f5a6b';
export const OTHER_TENANT = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
export const DOMAIN = 'skylifttest.onmicrosoft.com';
export const SECRET_APP = '2f9e8d7c-6b5a-4c3d-8e1f-0a9b8c7d6e5f';
export const CERT_APP = '3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d';
export const EMPTY_APP = '4b5c6d7e-8f9a-4b1c-8d2e-3f4a5b6c7d8e';
export const EXPIRED_APP = '5c6d7e8f-9a0b-4c2d-9e3f-4a5b6c7d8e9f';
export const FORBIDDEN_APP = '6d7e8f9a-0b1c-4d3e-8f4a-5b6c7d8e9f0a';
export const SUBSCRIPTIONS = [
  { id: '11111111-2222-4333-8444-555555555555', name: 'ML inference (prod)' },
  { id: '66666666-7777-4888-9999-aaaaaaaaaaaa', name: 'Sandbox', state: 'Disabled' as const },
];
