#!/usr/bin/env node
// Starts the fake Seam Connect server (@seamapi/fake-seam-connect) for
// apibind's integration tests and demo.
//
//   node start.mjs [--port N] [--no-stdin-watch]
//
// - Port: --port N (or --port=N), else $PORT, else 0 (= a free port chosen
//   by the kernel).
// - Binds 127.0.0.1 only, never all interfaces.
// - Seeds: the fake's default seed, plus the "lab", "paging" and "full" workspaces
//   (see README.md next to this file).
// - Once listening it prints exactly one line to stdout:
//     APIBIND_FAKE_SEAM_URL=http://127.0.0.1:<port>
//   Everything else (the fake's own logging, errors) goes to stderr.
// - Exits with status 0 on SIGTERM, SIGINT, SIGHUP and, unless
//   --no-stdin-watch is given, when its stdin reaches EOF (so a test process
//   that dies, closing the pipe, does not leave the server running).
// - Exits with status 1 (message on stderr) if it cannot start.

import net from 'node:net'
import process from 'node:process'

const HOST = '127.0.0.1'
const URL_PREFIX = 'APIBIND_FAKE_SEAM_URL='

// The fake adds a "stack" to every error body unless NODE_ENV=production.
// This must be set before the fake is loaded, hence the dynamic import below
// (static imports would run before this line).
process.env.NODE_ENV = 'production'

// stdout carries only the URL line: send any console logging to stderr.
for (const method of ['log', 'info', 'debug', 'trace']) {
  console[method] = (...args) => console.error(...args)
}

const die = (message) => {
  process.stderr.write(`fake_seam/start.mjs: ${message}\n`)
  process.exit(1)
}

const usage = () =>
  'usage: node start.mjs [--port N] [--no-stdin-watch]\n' +
  '  --port N          TCP port on 127.0.0.1 (default: $PORT, else 0 = any free port)\n' +
  '  --no-stdin-watch  keep running when stdin reaches EOF (for detached use)\n'

const parsePort = (text, origin) => {
  if (!/^\d+$/.test(String(text)) || Number(text) > 65535) {
    die(`invalid port ${JSON.stringify(text)} (from ${origin}); expected 0..65535`)
  }
  return Number(text)
}

const parseArgs = (argv) => {
  const options = { port: undefined, watchStdin: true }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--no-stdin-watch') {
      options.watchStdin = false
    } else if (arg === '--port') {
      if (i + 1 >= argv.length) die('--port needs a value')
      options.port = parsePort(argv[++i], '--port')
    } else if (arg.startsWith('--port=')) {
      options.port = parsePort(arg.slice('--port='.length), '--port')
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(usage())
      process.exit(0)
    } else {
      die(`unknown argument ${JSON.stringify(arg)}\n${usage()}`)
    }
  }
  if (options.port === undefined) {
    const env = process.env['PORT']
    options.port = env == null || env === '' ? 0 : parsePort(env, 'PORT')
  }
  return options
}

// The fake's startServer() calls `server.listen(port, cb)`, which listens on
// all interfaces. Force every TCP listen in this process onto 127.0.0.1
// (a caller-supplied host is replaced; unix sockets / fds are left alone).
const forceLoopbackListen = () => {
  const originalListen = net.Server.prototype.listen
  net.Server.prototype.listen = function listenOnLoopback(...args) {
    const [first] = args
    if (first !== null && typeof first === 'object') {
      const isTcp = first.path == null && first.fd == null && first._handle == null && first.handle == null
      if (isTcp) args[0] = { ...first, host: HOST }
      return originalListen.apply(this, args)
    }
    if (typeof first === 'string' && !/^\d+$/.test(first)) {
      return originalListen.apply(this, args) // unix socket path
    }
    // listen([port][, host][, backlog][, callback])
    let rest = args
    let port = 0
    if (typeof first === 'number' || typeof first === 'string' || first === undefined || first === null) {
      port = first ?? 0
      rest = args.slice(1)
    }
    if (typeof rest[0] === 'string' || (rest.length > 0 && rest[0] == null)) rest = rest.slice(1) // drop host
    return originalListen.call(this, port, HOST, ...rest)
  }
}

// ---- seeds ---------------------------------------------------------------

const LAB = {
  workspace_id: 'lab_workspace_1',
  api_key: 'seam_labkey1_token',
}

const PAGING = {
  workspace_id: 'page_workspace_1',
  api_key: 'seam_pagekey1_token',
  count: 7,
}

const seedLab = (db) => {
  const workspace_id = LAB.workspace_id
  db.addWorkspace({
    name: 'Lab Workspace',
    workspace_id,
    is_sandbox: true,
    created_at: '2024-01-01T00:00:00.000Z',
  })
  db.addApiKey({
    name: 'Lab API Key 1',
    token: LAB.api_key,
    workspace_id,
    created_at: '2024-01-01T00:00:00.000Z',
  })

  const accounts = [
    {
      connected_account_id: 'lab_ca_1',
      provider: 'august',
      email: 'alice@example.com',
      created_at: '2024-01-01T00:00:00.000Z',
      custom_metadata: { tenant: 'alpha', floor: 3 },
      accepted_capabilities: ['lock', 'access_code'],
      devices: [
        { device_id: 'lab_dev_1', device_type: 'august_lock', name: 'Lab Front Door' },
        { device_id: 'lab_dev_2', device_type: 'august_lock', name: 'Lab Back Door' },
      ],
    },
    {
      connected_account_id: 'lab_ca_2',
      provider: 'schlage',
      email: 'bob@example.com',
      created_at: '2024-01-01T00:01:00.000Z',
      automatically_manage_new_devices: false,
      accepted_capabilities: ['lock'],
      devices: [{ device_id: 'lab_dev_3', device_type: 'schlage_lock', name: 'Lab Office Door' }],
    },
    {
      connected_account_id: 'lab_ca_3',
      provider: 'ecobee',
      email: 'carol@example.com',
      created_at: '2024-01-01T00:02:00.000Z',
      custom_metadata: { vip: true },
      accepted_capabilities: ['thermostat'],
      devices: [{ device_id: 'lab_dev_4', device_type: 'ecobee_thermostat', name: 'Lab Thermostat' }],
    },
  ]

  for (const { email, devices, ...account } of accounts) {
    db.addConnectedAccount({
      ...account,
      workspace_id,
      account_type: account.provider,
      user_identifier: { email },
    })
    for (const device of devices) {
      const isLock = device.device_type.endsWith('_lock')
      db.addDevice({
        ...device,
        connected_account_id: account.connected_account_id,
        workspace_id,
        created_at: account.created_at,
        ...(isLock
          ? {
              can_remotely_lock: true,
              can_remotely_unlock: true,
              can_program_online_access_codes: true,
              properties: { name: device.name, manufacturer: account.provider, locked: true },
            }
          : { properties: { name: device.name } }),
      })
    }
  }
}

const seedPaging = (db) => {
  const workspace_id = PAGING.workspace_id
  db.addWorkspace({
    name: 'Paging Workspace',
    workspace_id,
    is_sandbox: true,
    created_at: '2024-02-01T00:00:00.000Z',
  })
  db.addApiKey({
    name: 'Paging API Key 1',
    token: PAGING.api_key,
    workspace_id,
    created_at: '2024-02-01T00:00:00.000Z',
  })
  for (let n = 1; n <= PAGING.count; n++) {
    db.addConnectedAccount({
      connected_account_id: `page_ca_${n}`,
      provider: 'august',
      account_type: 'august',
      workspace_id,
      user_identifier: { email: `page${n}@example.com` },
      created_at: `2024-02-01T00:0${n}:00.000Z`,
      accepted_capabilities: ['lock'],
    })
  }
}

// The "full" workspace: one of each resource the fake serves, for the
// integration tests of every route family (tests/integration/test_seam_fake_routes.cpp).
// Everything has a fixed id and created_at where the fake's database API
// takes one; the rest (access groups, ACS users and entrances, webviews,
// webhooks, events, noise thresholds) get the fake's counter ids, which tests
// look up by listing rather than assume.
const FULL = {
  workspace_id: 'full_workspace_1',
  api_key: 'seam_fullkey1_token',
  created_at: '2024-03-01T00:00:00.000Z',
}

const seedFull = (db) => {
  const workspace_id = FULL.workspace_id
  const at = (minute) => `2024-03-01T00:${String(minute).padStart(2, '0')}:00.000Z`
  db.addWorkspace({
    name: 'Full Workspace',
    workspace_id,
    is_sandbox: true,
    created_at: FULL.created_at,
  })
  db.addApiKey({
    name: 'Full API Key 1',
    token: FULL.api_key,
    workspace_id,
    created_at: FULL.created_at,
  })

  const accounts = [
    { connected_account_id: 'full_ca_locks', provider: 'august', email: 'locks@example.com', capabilities: ['lock'] },
    { connected_account_id: 'full_ca_climate', provider: 'ecobee', email: 'climate@example.com', capabilities: ['thermostat'] },
    { connected_account_id: 'full_ca_noise', provider: 'minut', email: 'noise@example.com', capabilities: ['noise_sensor'] },
  ]
  accounts.forEach(({ email, capabilities, ...account }, i) => {
    db.addConnectedAccount({
      ...account,
      workspace_id,
      account_type: account.provider,
      user_identifier: { email },
      created_at: at(i),
      accepted_capabilities: capabilities,
    })
  })

  // Seven managed devices (devices/list with limit 3 gives pages of 3, 3, 1),
  // listed in this order (the fake sorts by created_at, then device_id).
  const lock = (device_id, name, minute, locked) => ({
    device_id,
    device_type: 'august_lock',
    name,
    connected_account_id: 'full_ca_locks',
    created_at: at(minute),
    can_remotely_lock: true,
    can_remotely_unlock: true,
    can_program_online_access_codes: true,
    properties: { name, manufacturer: 'august', locked },
  })
  const thermostat = (device_id, name, minute) => ({
    device_id,
    device_type: 'ecobee_thermostat',
    name,
    connected_account_id: 'full_ca_climate',
    created_at: at(minute),
    properties: {
      name,
      manufacturer: 'ecobee',
      is_cooling_available: true,
      is_heating_available: true,
      min_heating_cooling_delta_celsius: 2.78,
      is_fan_running: false,
      fan_mode_setting: 'auto',
      current_climate_setting: {
        automatic_heating_enabled: false,
        automatic_cooling_enabled: true,
        hvac_mode_setting: 'cool',
        manual_override_allowed: true,
        cooling_set_point_celsius: 24,
        heating_set_point_celsius: 18,
      },
    },
  })
  const devices = [
    lock('full_lock_1', 'Full Front Door', 10, true),
    lock('full_lock_2', 'Full Back Door', 11, true),
    lock('full_lock_3', 'Full Garage Door', 12, false),
    lock('full_lock_4', 'Full Side Door', 13, true),
    thermostat('full_thermostat_1', 'Full Living Room', 14),
    thermostat('full_thermostat_2', 'Full Bedroom', 15),
    {
      device_id: 'full_noise_1',
      device_type: 'minut_sensor',
      name: 'Full Noise Sensor',
      connected_account_id: 'full_ca_noise',
      created_at: at(16),
      properties: { name: 'Full Noise Sensor', manufacturer: 'minut', noise_level_decibels: 50 },
    },
  ]
  for (const device of devices) db.addDevice({ ...device, workspace_id })
  // One unmanaged lock (devices/unmanaged/*).
  db.addDevice({ ...lock('full_unmanaged_1', 'Full Unmanaged Door', 17, true), workspace_id })
  db.updateDevice({ device_id: 'full_unmanaged_1', is_managed: false })

  db.addNoiseThreshold({
    device_id: 'full_noise_1',
    noise_threshold_decibels: 65,
    name: 'full_quiet_hours',
    starts_daily_at: '22:00:00[America/Los_Angeles]',
    ends_daily_at: '07:00:00[America/Los_Angeles]',
  })

  db.addAccessCode({
    workspace_id,
    access_code_id: 'full_access_code_1',
    device_id: 'full_lock_1',
    name: 'Full Guest Code',
    code: '1234',
    type: 'ongoing',
    created_at: at(20),
  })
  db.addAccessCode({
    workspace_id,
    access_code_id: 'full_unmanaged_code_1',
    device_id: 'full_lock_3',
    name: 'Full Unmanaged Code',
    code: '9876',
    type: 'ongoing',
    is_managed: false,
    created_at: at(21),
  })

  db.addAcsSystem({
    acs_system_id: 'full_acs_system_1',
    external_type: 'visionline_system',
    name: 'Full Visionline System',
    workspace_id,
    connected_account_id: 'full_ca_locks',
    created_at: at(30),
  })
  db.addAcsAccessGroup({
    acs_system_id: 'full_acs_system_1',
    external_type: 'visionline_guest',
    name: 'Full Guests',
    workspace_id,
    created_at: at(31),
  })
  db.addAcsUser({
    acs_system_id: 'full_acs_system_1',
    external_type: 'visionline_acs_user',
    workspace_id,
    full_name: 'Full Guest One',
    email_address: 'guest1@example.com',
    created_at: at(32),
  })
  db.addAcsEntrance({
    acs_system_id: 'full_acs_system_1',
    display_name: 'Full Room 101',
    created_at: at(33),
  })

  db.addUserIdentity({
    workspace_id,
    user_identity_id: 'full_user_identity_1',
    user_identity_key: 'full_user_key_1',
    email_address: 'identity1@example.com',
    full_name: 'Full Identity One',
    created_at: at(40),
  })

  const webview = db.addConnectWebview({ workspace_id, created_at: at(41) })
  db.updateConnectWebview({
    connect_webview_id: webview.connect_webview_id,
    connected_account_id: 'full_ca_locks',
    status: 'authorized',
  })

  db.addWebhook({ workspace_id, url: 'https://example.com/full-webhook', event_types: ['device.connected'] })

  db.addEvent({
    event_type: 'device.connected',
    workspace_id,
    connected_account_id: 'full_ca_locks',
    device_id: 'full_lock_1',
    created_at: at(50),
    occurred_at: at(50),
  })
  db.addEvent({
    event_type: 'lock.locked',
    workspace_id,
    connected_account_id: 'full_ca_locks',
    device_id: 'full_lock_1',
    created_at: at(51),
    occurred_at: at(51),
  })
}

// ---- main ----------------------------------------------------------------

const main = async () => {
  const options = parseArgs(process.argv.slice(2))
  forceLoopbackListen()

  let createFake
  try {
    ;({ createFake } = await import('@seamapi/fake-seam-connect'))
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND') {
      die('@seamapi/fake-seam-connect is not installed; run `bash scripts/fake_seam/install.sh`')
    }
    throw err
  }
  const fake = await createFake()
  await fake.seed()
  seedLab(fake.database)
  seedPaging(fake.database)
  seedFull(fake.database)

  // The fake computes next_page_url from `baseUrl.replace(/\/+$/, '')` on
  // every request. With port 0 the real port is known only after listen,
  // so pass an object whose replace() yields the URL once it is known.
  let serverUrl = `http://${HOST}:${options.port}`
  const lateBaseUrl = { replace: (...args) => serverUrl.replace(...args), toString: () => serverUrl }

  const started = await fake.startServer({ port: options.port, baseUrl: lateBaseUrl })
  const httpServer = started.server
  const address = httpServer.address()
  if (address == null || typeof address !== 'object' || address.address !== HOST) {
    die(`server is not listening on ${HOST} (address: ${JSON.stringify(address)})`)
  }
  serverUrl = `http://${HOST}:${address.port}`

  let stopping = false
  const shutdown = (why) => {
    if (stopping) return
    stopping = true
    process.stderr.write(`fake_seam/start.mjs: stopping (${why})\n`)
    // Nothing to flush (state lives in memory): stop accepting, drop
    // connections and leave.
    httpServer.close()
    httpServer.closeAllConnections?.()
    setImmediate(() => process.exit(0))
  }
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(signal, () => shutdown(signal))
  }
  if (options.watchStdin) {
    process.stdin.on('end', () => shutdown('stdin closed'))
    process.stdin.on('error', () => shutdown('stdin error'))
    process.stdin.on('data', () => {}) // input is ignored; only EOF matters
    process.stdin.resume()
  }

  // One line, then make sure it has left the process before anything else.
  await new Promise((resolve) => process.stdout.write(`${URL_PREFIX}${serverUrl}\n`, resolve))
}

process.on('unhandledRejection', (err) => die(`unhandled rejection: ${err?.stack ?? err}`))
main().catch((err) => die(`failed to start: ${err?.stack ?? err}`))
