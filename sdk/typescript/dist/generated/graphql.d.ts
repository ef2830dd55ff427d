/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends {
    [key: string]: unknown;
}> = {
    [K in keyof T]: T[K];
};
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | {
    [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never;
};
export type GenerationType = 'VIDEO' | 'IMAGE' | 'AUDIO' | 'AVATAR';
export type GenerationStatus = 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
/** How to choose a provider when none is named. */
export type Priority = 'QUALITY' | 'SPEED' | 'COST' | 'BALANCED';
export type Plan = 'FREE' | 'STARTER' | 'PRO' | 'ENTERPRISE';
export type OptionType = 'STRING' | 'INT' | 'FLOAT' | 'BOOLEAN';
/** What to generate from. `text` is the prompt (or the script for speech and avatars). */
export type GenerationInputData = {
    text?: string | null | undefined;
    /** Image for image-to-video or an avatar portrait: an http(s) URL (public addresses only), a data: URI, or an upload id (`upload_…`, see createUpload). */
    image?: string | null | undefined;
    /** Last frame for image-to-video (Kling, MiniMax, Veo, Runway gen-3, Luma, Seedance); a URL, data: URI or upload id. */
    endImage?: string | null | undefined;
    /** Voice for speech and avatars. */
    voice?: string | null | undefined;
    /** Audio that drives an avatar (Hedra, HeyGen): a URL, data: URI or upload id. */
    audio?: string | null | undefined;
    /** Reference or driving video (Viggle dance): a URL, data: URI or upload id (videos up to 200 MB). */
    video?: string | null | undefined;
};
export type GenerateInput = {
    type: GenerationType;
    /** A catalog provider id (see `providers`). Omit it to let the API choose by `priority`. */
    provider?: string | null | undefined;
    input: GenerationInputData;
    /** Options in the one vocabulary of the type (see `unifiedOptions`), valid on every provider, plus the chosen provider's own option names. Unified options a provider cannot take exactly are mapped, approximated or ignored, and said in `warnings`. */
    options?: unknown;
    /** Vendor-specific options per provider id, e.g. { kling: { cfgScale: 0.7 } }: only the chosen provider's are used, validated against its own option list. */
    providerOptions?: unknown;
    priority?: Priority | null | undefined;
    webhookUrl?: string | null | undefined;
    /** Reject instead of running when the cost would be above this many credits. */
    maxCost?: number | null | undefined;
    /** Same as the Idempotency-Key header, for this generate only (at most 255 characters). */
    idempotencyKey?: string | null | undefined;
    /** Refuse with INVALID_INPUT instead of adjusting, approximating or ignoring an option the provider cannot take natively (see `warnings`). */
    strict?: boolean | null | undefined;
    /** If it has not started by then (e.g. waiting behind your parallel limit), it is CANCELLED with error DEADLINE_EXCEEDED and nothing is charged. */
    deadline?: string | null | undefined;
};
export type LedgerKind = 'RESERVE' | 'CHARGE' | 'RELEASE' | 'TOP_UP' | 'ADJUSTMENT';
export type KeyMode = 'LIVE' | 'TEST';
export type UploadStatus = 
/** Created; PUT the bytes to its URL. */
'PENDING'
/** The bytes arrived and were checked: usable as an input. */
 | 'READY';
export type UploadKind = 'IMAGE' | 'VIDEO' | 'AUDIO';
export type GenerationFieldsFragment = {
    id: string;
    status: GenerationStatus;
    type: GenerationType;
    provider: string;
    url: string | null;
    progress: number;
    creditCost: number;
    estimatedTime: number;
    estimatedTimeRemaining: number;
    queuePosition: number | null;
    errorCode: string | null;
    options: unknown;
    appliedOptions: unknown;
    warnings: Array<string>;
    mode: KeyMode;
    prompt: string;
    createdAt: string;
    startedAt: string | null;
    completedAt: string | null;
    metadata: {
        width: number | null;
        height: number | null;
        duration: number | null;
        resolution: string | null;
        format: string | null;
        mimeType: string | null;
        size: number | null;
        hasAudio: boolean | null;
    } | null;
    error: {
        code: string;
        message: string;
    } | null;
};
export type GenerateMutationVariables = Exact<{
    input: GenerateInput;
}>;
export type GenerateMutation = {
    generate: {
        id: string;
        status: GenerationStatus;
        type: GenerationType;
        provider: string;
        url: string | null;
        progress: number;
        creditCost: number;
        estimatedTime: number;
        estimatedTimeRemaining: number;
        queuePosition: number | null;
        errorCode: string | null;
        options: unknown;
        appliedOptions: unknown;
        warnings: Array<string>;
        mode: KeyMode;
        prompt: string;
        createdAt: string;
        startedAt: string | null;
        completedAt: string | null;
        metadata: {
            width: number | null;
            height: number | null;
            duration: number | null;
            resolution: string | null;
            format: string | null;
            mimeType: string | null;
            size: number | null;
            hasAudio: boolean | null;
        } | null;
        error: {
            code: string;
            message: string;
        } | null;
    };
};
export type GetGenerationQueryVariables = Exact<{
    id: string | number;
}>;
export type GetGenerationQuery = {
    generation: {
        id: string;
        status: GenerationStatus;
        type: GenerationType;
        provider: string;
        url: string | null;
        progress: number;
        creditCost: number;
        estimatedTime: number;
        estimatedTimeRemaining: number;
        queuePosition: number | null;
        errorCode: string | null;
        options: unknown;
        appliedOptions: unknown;
        warnings: Array<string>;
        mode: KeyMode;
        prompt: string;
        createdAt: string;
        startedAt: string | null;
        completedAt: string | null;
        metadata: {
            width: number | null;
            height: number | null;
            duration: number | null;
            resolution: string | null;
            format: string | null;
            mimeType: string | null;
            size: number | null;
            hasAudio: boolean | null;
        } | null;
        error: {
            code: string;
            message: string;
        } | null;
    } | null;
};
export type GenerationUpdatedSubscriptionVariables = Exact<{
    id: string | number;
}>;
export type GenerationUpdatedSubscription = {
    generationUpdated: {
        id: string;
        status: GenerationStatus;
        type: GenerationType;
        provider: string;
        url: string | null;
        progress: number;
        creditCost: number;
        estimatedTime: number;
        estimatedTimeRemaining: number;
        queuePosition: number | null;
        errorCode: string | null;
        options: unknown;
        appliedOptions: unknown;
        warnings: Array<string>;
        mode: KeyMode;
        prompt: string;
        createdAt: string;
        startedAt: string | null;
        completedAt: string | null;
        metadata: {
            width: number | null;
            height: number | null;
            duration: number | null;
            resolution: string | null;
            format: string | null;
            mimeType: string | null;
            size: number | null;
            hasAudio: boolean | null;
        } | null;
        error: {
            code: string;
            message: string;
        } | null;
    };
};
export type CancelGenerationMutationVariables = Exact<{
    id: string | number;
}>;
export type CancelGenerationMutation = {
    cancelGeneration: boolean;
};
export type EstimateQueryVariables = Exact<{
    input: GenerateInput;
}>;
export type EstimateQuery = {
    estimate: {
        provider: string;
        creditCost: number;
        estimatedTime: number;
        options: unknown;
        appliedOptions: unknown;
        warnings: Array<string>;
    };
};
export type ProvidersQueryVariables = Exact<{
    type: GenerationType;
}>;
export type ProvidersQuery = {
    providers: Array<{
        id: string;
        name: string;
        vendor: string;
        description: string;
        features: Array<string>;
        limitations: Array<string>;
        available: boolean;
        unavailableReason: string | null;
        preview: boolean;
        pricing: {
            creditCost: number;
            estimatedTime: number;
        };
        options: Array<{
            name: string;
            unified: boolean;
            type: OptionType;
            required: boolean;
            description: string;
            allowedValues: Array<string> | null;
            min: number | null;
            max: number | null;
            default: unknown;
        }>;
        inputs: Array<{
            name: string;
            required: boolean;
        }>;
    }>;
};
export type GenerationsQueryVariables = Exact<{
    first?: number | null | undefined;
    after?: string | null | undefined;
    type?: GenerationType | null | undefined;
    status?: GenerationStatus | null | undefined;
    provider?: string | null | undefined;
}>;
export type GenerationsQuery = {
    generations: {
        nodes: Array<{
            id: string;
            status: GenerationStatus;
            type: GenerationType;
            provider: string;
            url: string | null;
            progress: number;
            creditCost: number;
            estimatedTime: number;
            estimatedTimeRemaining: number;
            queuePosition: number | null;
            errorCode: string | null;
            options: unknown;
            appliedOptions: unknown;
            warnings: Array<string>;
            mode: KeyMode;
            prompt: string;
            createdAt: string;
            startedAt: string | null;
            completedAt: string | null;
            metadata: {
                width: number | null;
                height: number | null;
                duration: number | null;
                resolution: string | null;
                format: string | null;
                mimeType: string | null;
                size: number | null;
                hasAudio: boolean | null;
            } | null;
            error: {
                code: string;
                message: string;
            } | null;
        }>;
        pageInfo: {
            endCursor: string | null;
            hasNextPage: boolean;
        };
    };
};
export type CreditLedgerQueryVariables = Exact<{
    first?: number | null | undefined;
    after?: string | null | undefined;
}>;
export type CreditLedgerQuery = {
    creditLedger: {
        nodes: Array<{
            id: string;
            kind: LedgerKind;
            amount: number;
            balanceAfter: number;
            generationId: string | null;
            note: string | null;
            createdAt: string;
        }>;
        pageInfo: {
            endCursor: string | null;
            hasNextPage: boolean;
        };
    };
};
export type MeQueryVariables = Exact<{
    [key: string]: never;
}>;
export type MeQuery = {
    me: {
        accountId: string;
        email: string;
        plan: Plan;
        credits: {
            balance: number;
            reserved: number;
        };
        limits: {
            requestsPerMinute: number | null;
            parallel: number | null;
            daily: number | null;
        };
        usage: {
            generationsToday: number;
            running: number;
            queued: number;
        };
    };
};
export type CreateUploadMutationVariables = Exact<{
    contentType: string;
    size: number;
    expiresIn?: number | null | undefined;
}>;
export type CreateUploadMutation = {
    createUpload: {
        uploadId: string;
        url: string;
        method: string;
        headers: unknown;
        urlExpiresAt: string;
        upload: {
            id: string;
            status: UploadStatus;
            kind: UploadKind;
            contentType: string;
            mimeType: string | null;
            size: number;
            createdAt: string;
            completedAt: string | null;
            expiresAt: string;
        };
    };
};
export type GetUploadQueryVariables = Exact<{
    id: string | number;
}>;
export type GetUploadQuery = {
    upload: {
        id: string;
        status: UploadStatus;
        kind: UploadKind;
        contentType: string;
        mimeType: string | null;
        size: number;
        createdAt: string;
        completedAt: string | null;
        expiresAt: string;
    };
};
/** The operations' texts (each with the fragments it uses), as sent on the wire. */
export declare const documents: {
    readonly Generate: "mutation Generate($input: GenerateInput!) {\n  generate(input: $input) {\n    ...GenerationFields\n  }\n}\n\nfragment GenerationFields on Generation {\n  id\n  status\n  type\n  provider\n  url\n  progress\n  metadata {\n    width\n    height\n    duration\n    resolution\n    format\n    mimeType\n    size\n    hasAudio\n  }\n  creditCost\n  estimatedTime\n  estimatedTimeRemaining\n  queuePosition\n  error {\n    code\n    message\n  }\n  errorCode\n  options\n  appliedOptions\n  warnings\n  mode\n  prompt\n  createdAt\n  startedAt\n  completedAt\n}";
    readonly GetGeneration: "query GetGeneration($id: ID!) {\n  generation(id: $id) {\n    ...GenerationFields\n  }\n}\n\nfragment GenerationFields on Generation {\n  id\n  status\n  type\n  provider\n  url\n  progress\n  metadata {\n    width\n    height\n    duration\n    resolution\n    format\n    mimeType\n    size\n    hasAudio\n  }\n  creditCost\n  estimatedTime\n  estimatedTimeRemaining\n  queuePosition\n  error {\n    code\n    message\n  }\n  errorCode\n  options\n  appliedOptions\n  warnings\n  mode\n  prompt\n  createdAt\n  startedAt\n  completedAt\n}";
    readonly GenerationUpdated: "subscription GenerationUpdated($id: ID!) {\n  generationUpdated(id: $id) {\n    ...GenerationFields\n  }\n}\n\nfragment GenerationFields on Generation {\n  id\n  status\n  type\n  provider\n  url\n  progress\n  metadata {\n    width\n    height\n    duration\n    resolution\n    format\n    mimeType\n    size\n    hasAudio\n  }\n  creditCost\n  estimatedTime\n  estimatedTimeRemaining\n  queuePosition\n  error {\n    code\n    message\n  }\n  errorCode\n  options\n  appliedOptions\n  warnings\n  mode\n  prompt\n  createdAt\n  startedAt\n  completedAt\n}";
    readonly CancelGeneration: "mutation CancelGeneration($id: ID!) {\n  cancelGeneration(id: $id)\n}";
    readonly Estimate: "query Estimate($input: GenerateInput!) {\n  estimate(input: $input) {\n    provider\n    creditCost\n    estimatedTime\n    options\n    appliedOptions\n    warnings\n  }\n}";
    readonly Providers: "query Providers($type: GenerationType!) {\n  providers(type: $type) {\n    id\n    name\n    vendor\n    description\n    features\n    limitations\n    pricing {\n      creditCost\n      estimatedTime\n    }\n    options {\n      name\n      unified\n      type\n      required\n      description\n      allowedValues\n      min\n      max\n      default\n    }\n    inputs {\n      name\n      required\n    }\n    available\n    unavailableReason\n    preview\n  }\n}";
    readonly Generations: "query Generations($first: Int, $after: String, $type: GenerationType, $status: GenerationStatus, $provider: String) {\n  generations(\n    first: $first\n    after: $after\n    type: $type\n    status: $status\n    provider: $provider\n  ) {\n    nodes {\n      ...GenerationFields\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment GenerationFields on Generation {\n  id\n  status\n  type\n  provider\n  url\n  progress\n  metadata {\n    width\n    height\n    duration\n    resolution\n    format\n    mimeType\n    size\n    hasAudio\n  }\n  creditCost\n  estimatedTime\n  estimatedTimeRemaining\n  queuePosition\n  error {\n    code\n    message\n  }\n  errorCode\n  options\n  appliedOptions\n  warnings\n  mode\n  prompt\n  createdAt\n  startedAt\n  completedAt\n}";
    readonly CreditLedger: "query CreditLedger($first: Int, $after: String) {\n  creditLedger(first: $first, after: $after) {\n    nodes {\n      id\n      kind\n      amount\n      balanceAfter\n      generationId\n      note\n      createdAt\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}";
    readonly Me: "query Me {\n  me {\n    accountId\n    email\n    plan\n    credits {\n      balance\n      reserved\n    }\n    limits {\n      requestsPerMinute\n      parallel\n      daily\n    }\n    usage {\n      generationsToday\n      running\n      queued\n    }\n  }\n}";
    readonly CreateUpload: "mutation CreateUpload($contentType: String!, $size: Int!, $expiresIn: Int) {\n  createUpload(contentType: $contentType, size: $size, expiresIn: $expiresIn) {\n    uploadId\n    url\n    method\n    headers\n    urlExpiresAt\n    upload {\n      id\n      status\n      kind\n      contentType\n      mimeType\n      size\n      createdAt\n      completedAt\n      expiresAt\n    }\n  }\n}";
    readonly GetUpload: "query GetUpload($id: ID!) {\n  upload(id: $id) {\n    id\n    status\n    kind\n    contentType\n    mimeType\n    size\n    createdAt\n    completedAt\n    expiresAt\n  }\n}";
};
export {};
