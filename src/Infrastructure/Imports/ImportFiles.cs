using System.IO.Compression;
using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// The uploaded files, kept encrypted (<see cref="FileCipher"/>) in the database table "ImportFileChunks", so every app
/// instance can run any import (the Hangfire job may land on another instance than the upload) and nothing readable
/// sits on a disk. Each 1 MiB chunk is compressed (raw Deflate, fastest level, in memory) before it is encrypted when
/// that makes it smaller, and marked so in "Compressed" (authenticated by the cipher), because PostgreSQL writing and
/// reading the bytes is what a kept file costs: a 152 MB CSV of a million rows took 2.25 s to store and 1.73 s to read
/// back, the same data gzip -1'ed (32 MB) 0.93 s and 0.42 s. Deleted after the retention period by
/// <see cref="ImportFileRetentionJob"/>; the run keeps its SHA-256, counts and report. See docs/domain.md §10 and ADR 11.
/// </summary>
public sealed class ImportFiles(NpgsqlDataSource database, FileCipher cipher)
{
    /// <summary>What <see cref="StoreAsync"/> learnt of a file while it stored it.</summary>
    public sealed record StoredFile(string Sha256, long Size, TextFacts Text);

    /// <summary>Encrypts <paramref name="upload"/> into the chunks of run <paramref name="runId"/>, on the caller's
    /// connection and inside its transaction (a failed upload leaves nothing); returns its SHA-256 (hex), size and
    /// <see cref="TextFacts"/> (learnt from the bytes on their way, so the import does not read the kept file for them).
    /// Every chunk but the last holds <see cref="FileCipher.ChunkSize"/> bytes of the file, compressed or not, so a
    /// reader finds a position's chunk by division. Chunks are sealed (compressed and encrypted, the bulk of the work)
    /// on the thread pool, <see cref="SealingAtOnce"/> at a time, while this thread hashes them, reads the next and
    /// writes the sealed ones to the database in order.</summary>
    public async Task<StoredFile> StoreAsync(NpgsqlConnection connection, long runId, Stream upload, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new TextScan();
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY "ImportFileChunks" ("ImportRunId", "Index", "Data", "Compressed") FROM STDIN (FORMAT BINARY)""", ct);
        // Each chunk read waits in the queue, sealing, until it is written; the one read into is one written already.
        var chunks = Enumerable.Range(0, SealingAtOnce + 2).Select(_ => new Chunk()).ToArray();
        try
        {
            var current = chunks[0];
            current.Length = await upload.ReadAtLeastAsync(current.Plain, current.Plain.Length, throwOnEndOfStream: false, ct);
            var sealing = new Queue<Chunk>(SealingAtOnce + 1);
            long size = 0;
            for (var index = 0; ; index++)
            {
                // One chunk ahead: the last chunk is marked as such, so a file cut short does not decrypt.
                var next = chunks[(index + 1) % chunks.Length];
                next.Length = current.Length < current.Plain.Length ? 0
                    : await upload.ReadAtLeastAsync(next.Plain, next.Plain.Length, throwOnEndOfStream: false, ct);
                var isLast = next.Length == 0;
                current.StartSealing(cipher, runId, index, isLast, ct);
                sealing.Enqueue(current);
                sha.AppendData(current.Plain, 0, current.Length);
                text.Append(current.Plain.AsSpan(0, current.Length));
                size += current.Length;
                while (sealing.Count > (isLast ? 0 : SealingAtOnce))
                {
                    await sealing.Dequeue().WriteAsync(copy, runId, ct);
                }

                if (isLast)
                {
                    break;
                }

                current = next;
            }

            await copy.CompleteAsync(ct);
            return new StoredFile(Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), size, text.Complete());
        }
        finally
        {
            foreach (var chunk in chunks)
            {
                await chunk.ClearAsync();
            }
        }
    }

    /// <summary>How many chunks of an upload are compressed and encrypted at once, on the thread pool, while the
    /// uploading thread hashes, reads and writes. One: on two cores, two at once was no faster (docs/benchmarks.md,
    /// "ADR 21: the claims import against PostgreSQL's own share").</summary>
    private const int SealingAtOnce = 1;

    /// <summary>One chunk of an upload on its way to the database: the file's bytes, compressed (raw Deflate, fastest)
    /// when that makes them smaller (an .xlsx is a zip already), then encrypted. Its buffers are reused for chunk after
    /// chunk (a new megabyte per chunk would wake the garbage collector); the compression buffer grows at most once, if
    /// a chunk does not compress.</summary>
    private sealed class Chunk
    {
        public readonly byte[] Plain = new byte[FileCipher.ChunkSize];
        private readonly byte[] _sealed = new byte[FileCipher.ChunkSize + FileCipher.Overhead];
        private readonly MemoryStream _deflated = new(FileCipher.ChunkSize);
        public int Length;
        private int _index;
        private int _sealedLength;
        private bool _compressed;
        private Task _sealing = Task.CompletedTask;

        /// <summary>Compresses and encrypts the chunk on the thread pool; <see cref="WriteAsync"/> waits for it.</summary>
        public void StartSealing(FileCipher cipher, long runId, int index, bool isLast, CancellationToken ct) =>
            _sealing = Task.Run(() => Seal(cipher, runId, index, isLast), ct);

        private void Seal(FileCipher cipher, long runId, int index, bool isLast)
        {
            var plain = Plain.AsSpan(0, Length);
            _deflated.SetLength(0);
            using (var deflate = new DeflateStream(_deflated, CompressionLevel.Fastest, leaveOpen: true))
            {
                deflate.Write(plain);
            }

            _compressed = _deflated.Length < plain.Length;
            _index = index;
            _sealedLength = cipher.Encrypt(runId, index, isLast, _compressed,
                _compressed ? _deflated.GetBuffer().AsSpan(0, (int)_deflated.Length) : plain, _sealed);
        }

        public async Task WriteAsync(NpgsqlBinaryImporter copy, long runId, CancellationToken ct)
        {
            await _sealing;
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(runId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(_index, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(new ArraySegment<byte>(_sealed, 0, _sealedLength), NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(_compressed, NpgsqlDbType.Boolean, ct);
        }

        /// <summary>Wipes the clear text (the file's and its compressed form) from memory, once a sealing still running
        /// (an upload that failed halfway) has let go of it.</summary>
        public async Task ClearAsync()
        {
            await _sealing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Array.Clear(Plain);
            Array.Clear(_deflated.GetBuffer());
        }
    }

    /// <summary>The kept file of a run, decrypted while it is read; seekable. The caller disposes it.</summary>
    public Stream Open(long runId, long size) => new DecryptingStream(database, cipher, runId, size);

    /// <summary>How much of a kept file a reader keeps as it came from the database, still encrypted (and compressed),
    /// so reading it a second time (an import reads a CSV twice: the line count for the progress bar, then the rows)
    /// decrypts and inflates it again without fetching it again: 128 MiB as stored. Before chunks were compressed that
    /// was the whole file for any realisatie export and for a toewijzingen file of about 850,000 rows (docs/benchmarks.md,
    /// "Realisatie"). A CSV now stores at a fraction of its size (152 MB of a million rows was 32 MB gzip -1'ed; at that
    /// ratio 128 MiB holds a CSV of about 600 MB whole). An .xlsx does not compress: of it, 128 MiB is still 128 MiB.
    /// </summary>
    internal const long SealedCacheBytes = 128L << 20;

    /// <summary>Reads a kept file chunk by chunk on a connection of its own, decrypting (and inflating, when it was
    /// stored compressed) one chunk at a time: at most one chunk (1 MiB) of the file, and its compressed form, is in
    /// memory in clear, and it is never written anywhere. The encrypted chunks it fetched are kept (up to
    /// <see cref="SealedCacheBytes"/>) while the stream is open, so a second pass over the file costs the decryption and
    /// inflating only.</summary>
    private sealed class DecryptingStream(NpgsqlDataSource database, FileCipher cipher, long runId, long size) : Stream
    {
        private readonly int _lastIndex = (int)Math.Max(0, (size - 1) / FileCipher.ChunkSize);
        private readonly byte[] _plain = new byte[FileCipher.ChunkSize];
        private readonly byte[] _sealed = new byte[FileCipher.ChunkSize + FileCipher.Overhead];
        private readonly Dictionary<int, (byte[] Sealed, bool Compressed)> _sealedChunks = [];
        private byte[]? _deflated; // a compressed chunk decrypted, before it is inflated into _plain
        private long _sealedBytes;
        private NpgsqlConnection? _connection;
        private int _chunkIndex = -1;
        private int _chunkLength;
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => size;

        public override long Position
        {
            get => _position;
            set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= size || buffer.IsEmpty)
            {
                return 0;
            }

            var index = (int)(_position / FileCipher.ChunkSize);
            if (index != _chunkIndex)
            {
                Load(index);
            }

            var within = (int)(_position - (long)index * FileCipher.ChunkSize);
            var count = Math.Min(buffer.Length, _chunkLength - within);
            _plain.AsSpan(within, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        private void Load(int index)
        {
            if (_sealedChunks.TryGetValue(index, out var kept))
            {
                Decrypt(index, kept.Sealed, kept.Compressed);
                return;
            }

            _connection ??= database.OpenConnection();
            using var command = new NpgsqlCommand(
                """SELECT "Data", "Compressed" FROM "ImportFileChunks" WHERE "ImportRunId" = @run AND "Index" = @index""", _connection);
            command.Parameters.AddWithValue("run", runId);
            command.Parameters.AddWithValue("index", index);
            // Into a buffer of the stream's own: a new megabyte per chunk would make the garbage collector sweep the
            // whole heap (the import's identity dictionary included) every few chunks.
            using var reader = command.ExecuteReader(System.Data.CommandBehavior.SequentialAccess);
            if (!reader.Read())
            {
                throw new FileNotFoundException($"Het bewaarde bestand van import {runId} is er niet (meer).");
            }

            var length = (int)reader.GetBytes(0, 0, _sealed, 0, _sealed.Length);
            var compressed = reader.GetBoolean(1);
            var chunk = _sealed.AsSpan(0, length);
            if (_sealedBytes + length <= SealedCacheBytes)
            {
                // Ciphertext only, kept until the stream is disposed.
                _sealedChunks[index] = (chunk.ToArray(), compressed);
                _sealedBytes += length;
            }

            Decrypt(index, chunk, compressed);
        }

        private void Decrypt(int index, ReadOnlySpan<byte> sealedChunk, bool compressed)
        {
            _chunkIndex = -1; // a chunk that fails to decrypt is not left half-loaded as the current one
            var isLast = index == _lastIndex;
            if (!compressed)
            {
                _chunkLength = cipher.Decrypt(runId, index, isLast, compressed: false, sealedChunk, _plain);
            }
            else
            {
                // The flag is authenticated (another label), so a flipped one already fails here.
                _deflated ??= new byte[FileCipher.ChunkSize];
                var length = cipher.Decrypt(runId, index, isLast, compressed: true, sealedChunk, _deflated);
                _chunkLength = Inflate(_deflated, length, _plain);
                if (_chunkLength < 0 || (!isLast && _chunkLength != FileCipher.ChunkSize))
                {
                    // Authentic yet not a chunk of this file's shape: as broken as a chunk that does not decrypt.
                    throw new AuthenticationTagMismatchException();
                }
            }

            _chunkIndex = index;
        }

        /// <summary>Inflates a raw Deflate chunk into <paramref name="plain"/>; its length, or -1 when it is not valid
        /// Deflate or inflates to more than a chunk.</summary>
        private static int Inflate(byte[] deflated, int length, byte[] plain)
        {
            try
            {
                using var inflate = new DeflateStream(new MemoryStream(deflated, 0, length, writable: false), CompressionMode.Decompress);
                var inflated = inflate.ReadAtLeast(plain, plain.Length, throwOnEndOfStream: false);
                return inflated == plain.Length && inflate.ReadByte() >= 0 ? -1 : inflated;
            }
            catch (InvalidDataException)
            {
                return -1;
            }
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => size + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _connection?.Dispose();
                _sealedChunks.Clear();
                Array.Clear(_plain);
                Array.Clear(_sealed);
                if (_deflated is not null)
                {
                    Array.Clear(_deflated);
                }
            }

            base.Dispose(disposing);
        }
    }
}
